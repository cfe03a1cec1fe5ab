import { isPlainObject, stableKey } from './stable-key.ts'
import type { Transformer } from './transformer.ts'

/** How deep params may nest before a key refuses them: far beyond any real params. */
export const maxCanonicalDepth = 100

/**
 * The one canonical form of params, the same on server and client: `undefined` properties are
 * dropped (`{ a, b: undefined }` is `{ a }`), shared references are expanded into copies (so a
 * value used twice serialises like two equal values), and the result is serialised by the
 * transformer, so BigInt, Date, Map and Set compare by value. Query keys hold this form.
 *
 * @example canonicalForm({ id: 7, done: undefined }, superjson) // { json: { id: 7 } }
 */
export function canonicalForm(value: unknown, transformer: Transformer): unknown {
  return transformer.serialize(detach(value, 0, new Set()))
}

/**
 * The canonical form as a string with object keys sorted at every depth: two params are the same
 * instance exactly when their keys are equal. Throws for values no key can be made of (a cycle,
 * nesting past {@link maxCanonicalDepth}, or what the transformer cannot serialise to JSON, such
 * as a BigInt under plain JSON).
 */
export function canonicalKey(value: unknown, transformer: Transformer): string {
  return stableKey(canonicalForm(value, transformer))
}

// A tree copy of plain objects, arrays, Maps, Sets and Dates: no object is reached twice, so a
// transformer never records shared references (superjson's referentialEqualities).
function detach(value: unknown, depth: number, path: Set<object>): unknown {
  if (typeof value !== 'object' || value === null) return value
  if (depth > maxCanonicalDepth) throw new TypeError(`Params nest deeper than ${maxCanonicalDepth} levels`)
  if (value instanceof Date) return new Date(value.getTime())
  if (path.has(value)) throw new TypeError('Params hold a cycle')
  path.add(value)
  const next = (child: unknown) => detach(child, depth + 1, path)
  let copy: unknown = value
  if (Array.isArray(value)) copy = value.map(next)
  else if (value instanceof Map) copy = new Map([...value].map(([key, entry]) => [next(key), next(entry)]))
  else if (value instanceof Set) copy = new Set([...value].map(next))
  else if (isPlainObject(value)) {
    const object: Record<string, unknown> = {}
    for (const key of Object.keys(value)) {
      const entry = value[key]
      // defineProperty: a key named "__proto__" stays a plain key and never sets the prototype.
      if (entry !== undefined) Object.defineProperty(object, key, { value: next(entry), enumerable: true, writable: true, configurable: true })
    }
    copy = object
  }
  path.delete(value)
  return copy
}
