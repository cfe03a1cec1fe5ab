/**
 * A proxy over dotted paths: `mizan.shop.cart` walks `['shop', 'cart']`, and a key that the
 * helpers of the path so far define (`queryOptions`, `queryKey`...) is answered from them. The
 * browser's and the server's option factories share it, so both name procedures the same way.
 */
export function pathProxy(path: readonly string[], helpersOf: (path: string) => unknown): unknown {
  return new Proxy(
    {},
    {
      get(_target, key) {
        // Never a thenable: `await mizan` must not look for a `then` procedure.
        if (typeof key !== 'string' || key === 'then') return undefined
        const helpers = path.length > 0 ? (helpersOf(path.join('.')) as Record<string, unknown>) : undefined
        if (helpers && key in helpers) return helpers[key]
        return pathProxy([...path, key], helpersOf)
      },
    },
  )
}
