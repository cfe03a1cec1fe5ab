/** A mount point as given (`mizan`, `/mizan/`, `/`) in its one form: `/mizan`, or `''` for the root. */
export function normalizeEndpoint(endpoint: string): string {
  const trimmed = endpoint.replace(/^\/+|\/+$/g, '')
  return trimmed === '' ? '' : `/${trimmed}`
}

/**
 * The path below `endpoint` (a normalized one), or undefined when `pathname` is not below it:
 * `/mizan/q` gives `/q`, while `/mizanx/q` and `/q` are outside, as an Express mount sees them.
 */
export function pathBelow(endpoint: string, pathname: string): string | undefined {
  if (pathname !== endpoint && !pathname.startsWith(`${endpoint}/`)) return undefined
  return pathname.slice(endpoint.length)
}
