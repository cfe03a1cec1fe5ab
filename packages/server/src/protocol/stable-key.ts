import { defineField } from './define-field.ts'

/**
 * JSON whose object keys are sorted at every depth. Arrays keep their order and `undefined`
 * properties are dropped, so `{ a: 1, b: 2 }` and `{ b: 2, a: 1, c: undefined }` give the same key.
 *
 * This is the last step of a key, applied to values that are JSON already. Keys of params (a
 * directive's, a query's) are made by `canonicalKey(params, transformer)`, which runs the
 * transformer first: on raw params `stableKey` turns a Set or Map into `{}` and throws on a BigInt.
 *
 * @example stableKey({ id: 7, tags: ['b', 'a'] }) === '{"id":7,"tags":["b","a"]}'
 */
export function stableKey(value: unknown): string {
  // Most values keyed list their keys in order already (canonical forms are built sorted): one
  // walk checks it, and JSON.stringify without a replacer, several times faster, gives the same
  // text. Anything else takes the replacer that sorts. JSON.stringify(undefined) yields
  // undefined: an absent value has the empty key.
  return (inKeyOrder(value, 0) ? JSON.stringify(value) : JSON.stringify(value, sortKeys)) ?? ''
}

// Past this depth the walk stops and the replacer decides (a cycle ends there too, as its error).
const maxCheckedDepth = 64

/**
 * Whether JSON.stringify(value) is already the sorted text: every plain object at any depth
 * (inside arrays and other objects too) lists its keys in sorted order, and no object but a Date
 * has a `toJSON`, whose result the replacer would sort.
 */
function inKeyOrder(value: unknown, depth: number): boolean {
  if (typeof value !== 'object' || value === null) return true
  if (depth > maxCheckedDepth) return false
  if (Array.isArray(value)) {
    for (const entry of value) if (!inKeyOrder(entry, depth + 1)) return false
    return true
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value instanceof Date && value.toJSON === Date.prototype.toJSON
  const keys = Object.keys(value)
  const plain = isPlainObject(value)
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!
    // The default sort's order: UTF-16 code units, as `<` compares strings.
    if (plain && i > 0 && !(keys[i - 1]! < key)) return false
    if (!inKeyOrder((value as Record<string, unknown>)[key], depth + 1)) return false
  }
  return true
}

function sortKeys(_key: string, value: unknown): unknown {
  if (!isPlainObject(value)) return value
  const sorted: Record<string, unknown> = {}
  for (const key of Object.keys(value).sort()) {
    // Assigning an own key named "__proto__" would set the prototype and drop the key, so
    // `{ ["__proto__"]: x, a }` would key like `{ a }`: define it instead.
    if (key === '__proto__') defineField(sorted, key, value[key])
    else sorted[key] = value[key]
  }
  return sorted
}

/** An object literal or `Object.create(null)`: the only objects whose keys are reordered. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}
