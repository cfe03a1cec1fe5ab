import type { HeaderRecord } from '../http/http-types.ts'

/** What the site checks of a write look at. */
export interface SiteRequest {
  readonly headers: HeaderRecord
  /** Scheme and host the request was sent to (`https://example.com`), when the adapter knows them. */
  readonly origin?: string | undefined
}

/**
 * Why a write from this request's site is refused, or undefined when it may write. A present
 * `Origin` must name the server's own host, or be in `allowedOrigins`; `Sec-Fetch-Site:
 * cross-site` (what browsers send for another site's requests, Fetch Metadata) is refused
 * unless the Origin is allowed. Hosts are compared, not schemes: behind a TLS-terminating proxy
 * the server sees http where the page has https.
 */
export function siteRefusal(request: SiteRequest, allowedOrigins: ReadonlySet<string>): string | undefined {
  const origin = single(request.headers['origin'])
  if (origin !== undefined) {
    if (allowedOrigins.has(origin)) return undefined
    const own = ownHost(request)
    const host = hostOf(origin)
    if (host === undefined || host !== own) {
      return `Origin "${origin.slice(0, 200)}" may not send writes here: only this server's own origin (host ${own ?? 'unknown'}) and csrf.allowedOrigins may`
    }
  }
  if (single(request.headers['sec-fetch-site']) === 'cross-site') {
    return 'A cross-site request (Sec-Fetch-Site: cross-site) may not send writes here: only this site and csrf.allowedOrigins may'
  }
  return undefined
}

/** Allowed origins as browsers send them in `Origin` (`https://app.example.com`, no path); refuses anything else at startup. */
export function normalizeOrigins(origins: readonly string[]): ReadonlySet<string> {
  return new Set(
    origins.map((entry) => {
      const origin = URL.canParse(entry) ? new URL(entry).origin : 'null'
      if (origin === 'null') throw new Error(`[mizan] csrf.allowedOrigins holds "${entry}", which is no origin: write it as https://app.example.com`)
      return origin
    }),
  )
}

function ownHost(request: SiteRequest): string | undefined {
  if (request.origin !== undefined) return hostOf(request.origin)
  const host = single(request.headers['host'])
  return host === undefined ? undefined : hostOf(`http://${host}`)
}

// Hosts by origin: a server sees few origins (its own, the allowed ones), and parsing a URL costs
// a small write a few percent of its time. Bounded in count and in length, since the header is
// the client's to choose: past the count it starts over, and a long origin is parsed each time.
const hosts = new Map<string, string | undefined>()
const maxHosts = 1000
const maxRememberedLength = 256

// `null` (a sandboxed page, a privacy redirect) and anything unparsable have no host.
function hostOf(origin: string): string | undefined {
  if (hosts.has(origin)) return hosts.get(origin)
  const host = URL.canParse(origin) ? new URL(origin).host || undefined : undefined
  if (origin.length > maxRememberedLength) return host
  if (hosts.size >= maxHosts) hosts.clear()
  hosts.set(origin, host)
  return host
}

function single(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined
}
