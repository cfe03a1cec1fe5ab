/**
 * Whether a value is a promise or another thenable (a query builder's lazy `then`, say), which
 * `await` would adopt: the paths that stay synchronous for synchronous values wait for these.
 */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function'
}
