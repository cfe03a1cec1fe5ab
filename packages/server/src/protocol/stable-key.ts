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
  // JSON.stringify(undefined) yields undefined: an absent value has the empty key.
  return JSON.stringify(value, sortKeys) ?? ''
}

function sortKeys(_key: string, value: unknown): unknown {
  if (!isPlainObject(value)) return value
  const sorted: Record<string, unknown> = {}
  for (const key of Object.keys(value).sort()) {
    // Assigning an own key named "__proto__" would set the prototype and drop the key, so
    // `{ ["__proto__"]: x, a }` would key like `{ a }`: define it instead.
    if (key === '__proto__') Object.defineProperty(sorted, key, { value: value[key], enumerable: true, writable: true, configurable: true })
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
