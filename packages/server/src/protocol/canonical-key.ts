import { defineField } from './define-field.ts'
import { isPlainObject, stableKey } from './stable-key.ts'
import type { Transformer } from './transformer.ts'

/** How deep params may nest before a key refuses them: far beyond any real params. */
export const maxCanonicalDepth = 100

/**
 * How many values params may hold once shared references are expanded: a few shared levels
 * (`[x, x]` inside `[x, x]`...) double at each step, so the copy is bounded, not the source.
 */
export const maxCanonicalNodes = 100_000

/**
 * The one canonical form of params, the same on server and client: `undefined` properties are
 * dropped (`{ a, b: undefined }` is `{ a }`), shared references are expanded into copies (so a
 * value used twice serialises like two equal values), and the result is serialised by the
 * transformer, so BigInt, Date, Map and Set compare by value. Query keys hold this form.
 *
 * What else holds, so both sides agree without reading this code:
 * - plain objects, arrays, Maps, Sets and Dates are copied; other objects (class instances) go to
 *   the transformer as they are; an own key named `__proto__` stays a plain key;
 * - object keys are copied in sorted order, so the form of equal params is one value whatever
 *   their key order (superjson's metadata names paths in the order it walks them);
 * - arrays, Maps and Sets keep their order: `new Set(['a', 'b'])` and `new Set(['b', 'a'])` are
 *   different params; `undefined` inside an array is kept (plain JSON then writes `null`);
 * - the form is what the wire can carry: under plain JSON a Set or Map becomes `{}` (as it does
 *   when sent), so two Sets are only told apart with a transformer that carries them (superjson).
 *
 * @example canonicalForm({ id: 7, done: undefined }, superjson) // { json: { id: 7 } }
 */
export function canonicalForm(value: unknown, transformer: Transformer): unknown {
  return transformer.serialize(flatCopy(value) ?? detach(value, 0, { path: new Set(), nodes: 0 }))
}

/**
 * The detached copy of the most common params, a plain object of defined primitives whose keys
 * are in order (`{ id: 7 }`), made without `detach`'s walk (several times cheaper); undefined for
 * anything else. A key named `__proto__` takes the walk, which keeps it a plain key.
 */
function flatCopy(value: unknown): Record<string, unknown> | undefined {
  if (!isPlainObject(value)) return undefined
  const keys = Object.keys(value)
  if (keys.length >= maxCanonicalNodes) return undefined
  const copy: Record<string, unknown> = {}
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!
    const entry = value[key]
    if ((i > 0 && !(keys[i - 1]! < key)) || key === '__proto__' || entry === undefined || (typeof entry === 'object' && entry !== null)) return undefined
    copy[key] = entry
  }
  return copy
}

/**
 * The canonical form as a string with object keys sorted at every depth: two params are the same
 * instance exactly when their keys are equal. Every key of params (server dedupe, the client's
 * scheduler, query keys, partial matching) is made here, with the router's transformer. Throws
 * for values no key can be made of (a cycle, nesting past {@link maxCanonicalDepth}, or what the
 * transformer cannot serialise to JSON, such as a BigInt under plain JSON); a write's directive
 * whose params throw here widens to its whole context (see `dedupeDirectives`).
 *
 * @example canonicalKey({ b: 2, a: 1n }, superjson) === canonicalKey({ a: 1n, b: 2, c: undefined }, superjson)
 */
export function canonicalKey(value: unknown, transformer: Transformer): string {
  return stableKey(canonicalForm(value, transformer))
}

// A tree copy of plain objects, arrays, Maps, Sets and Dates: no object is reached twice, so a
// transformer never records shared references (superjson's referentialEqualities).
interface Walk {
  /** The objects from the root to here: one seen again is a cycle. */
  readonly path: Set<object>
  nodes: number
}

function detach(value: unknown, depth: number, walk: Walk): unknown {
  if (++walk.nodes > maxCanonicalNodes) throw new TypeError(`Params hold more than ${maxCanonicalNodes} values`)
  if (typeof value !== 'object' || value === null) return value
  if (depth > maxCanonicalDepth) throw new TypeError(`Params nest deeper than ${maxCanonicalDepth} levels`)
  if (value instanceof Date) return new Date(value.getTime())
  const { path } = walk
  if (path.has(value)) throw new TypeError('Params hold a cycle')
  path.add(value)
  const next = (child: unknown) => detach(child, depth + 1, walk)
  let copy: unknown = value
  if (Array.isArray(value)) copy = value.map(next)
  else if (value instanceof Map) copy = new Map([...value].map(([key, entry]) => [next(key), next(entry)]))
  else if (value instanceof Set) copy = new Set([...value].map(next))
  else if (isPlainObject(value)) {
    const object: Record<string, unknown> = {}
    // Sorted, so the transformer walks equal params in one order: superjson records equal
    // BigInts (and NaNs) as shared references named by the path met first.
    for (const key of Object.keys(value).sort()) {
      const entry = value[key]
      // Not assigned: a key named "__proto__" must stay a plain key, never set the prototype.
      if (entry !== undefined) defineField(object, key, next(entry))
    }
    copy = object
  }
  path.delete(value)
  return copy
}
