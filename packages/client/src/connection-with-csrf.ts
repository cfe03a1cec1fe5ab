import { csrfHeader } from '@mizan/server/protocol'
import type { Connection } from './client-options.ts'
import type { CsrfSession } from './csrf-session.ts'
import { withCsrfHeaders } from './with-csrf-headers.ts'

// Requests that change nothing need no token, on the server's side too.
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * The connection `fetchWithInvalidation` sends through: a write (any method but GET, HEAD and OPTIONS) to the
 * origin the router is served from carries the CSRF token, so the app's own routes guarded by
 * the server's `checkCsrf` accept it as they accept a form with the `_csrf` field. A request to
 * another origin never carries it (the token is this server's), nor one that sets its own
 * `mizan-csrf` header. A 403 answer drops the token, so the next write fetches a fresh one; the
 * request itself is not sent again (its body may be a stream that cannot be).
 */
export function connectionWithCsrf(connection: Connection, session: CsrfSession): Connection {
  return {
    ...connection,
    async fetch(input, init) {
      const request = input as unknown as string | URL | Request
      const method = (init.method ?? (request instanceof Request ? request.method : 'GET')).toUpperCase()
      const url = request instanceof Request ? request.url : String(request)
      const headers = new Headers(init.headers ?? (request instanceof Request ? request.headers : undefined))
      if (safeMethods.has(method) || headers.has(csrfHeader) || !sameOrigin(url, connection.url)) return connection.fetch(input, init)
      const path = pathOf(url)
      const token = await session.token(path, init.signal ?? undefined)
      const response = await connection.fetch(input, { ...init, headers: withCsrfHeaders(Object.fromEntries(headers), token) })
      if (response.status === 403) session.forget(token)
      return response
    },
  }
}

// A page resolves relative URLs against its own address; elsewhere only absolute ones compare.
function sameOrigin(url: string, routerUrl: string): boolean {
  const base = typeof location === 'undefined' ? undefined : location.href
  if (!URL.canParse(url, base) || !URL.canParse(routerUrl, base)) return false
  return new URL(url, base).origin === new URL(routerUrl, base).origin
}

function pathOf(url: string): string {
  const base = typeof location === 'undefined' ? 'http://localhost' : location.href
  return URL.canParse(url, base) ? new URL(url, base).pathname : url
}
