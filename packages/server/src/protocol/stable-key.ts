/**
 * The one way Mizan turns params into a string: JSON whose object keys are sorted at every depth.
 * Arrays keep their order and `undefined` properties are dropped, so `{ a: 1, b: 2 }` and
 * `{ b: 2, a: 1, c: undefined }` give the same key. Server and client both use this function, so
 * a directive's params and a cached query's params compare equal exactly when their keys do.
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
  for (const key of Object.keys(value).sort()) sorted[key] = value[key]
  return sorted
}

/** An object literal or `Object.create(null)`: the only objects whose keys are reordered. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}
