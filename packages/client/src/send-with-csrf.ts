import type { HeadersValue } from './client-options.ts'
import type { CsrfSession, SessionToken } from './csrf-session.ts'
import { withCsrfHeaders } from './with-csrf-headers.ts'

/**
 * Sends a write with the session's token (fetched first if need be). An answer of 403 with the
 * code `CSRF` means the token went stale (a server restarted without a shared secret, a rotated
 * secret, a cleared cookie): the token is refreshed and the write sent once more, as it was
 * (same mutation id: the server refused it before running anything). No other answer is sent
 * again, a FORBIDDEN from a resolver least of all: it may have written.
 */
export async function sendWithCsrf(
  session: CsrfSession,
  path: string,
  signal: AbortSignal | undefined,
  send: (withToken: (headers: HeadersValue) => HeadersValue) => Promise<Response>,
): Promise<Response> {
  const first = await session.token(path, signal)
  const response = await send((headers) => withCsrfHeaders(headers, first))
  if (!(await isCsrfRefusal(response))) return response
  session.forget(first)
  const fresh: SessionToken = await session.token(path, signal)
  return send((headers) => withCsrfHeaders(headers, fresh))
}

/** A 403 whose body is a Mizan error with the code `CSRF` (read from a clone: the caller reads the answer itself). */
export async function isCsrfRefusal(response: Response): Promise<boolean> {
  if (response.status !== 403) return false
  try {
    const body = (await response.clone().json()) as { error?: { code?: unknown } } | null
    return body?.error?.code === 'CSRF'
  } catch {
    return false
  }
}
