import { sessionRoute } from '@mizan/server/protocol'
import { badResponse, MizanClientError } from './client-error.ts'
import type { Connection, HeadersValue } from './client-options.ts'
import { connectionWithCsrf } from './connection-with-csrf.ts'
import { networkError, readJson, requestError } from './read-json.ts'
import { sendWithCsrf } from './send-with-csrf.ts'

/** How the client gets its CSRF token (see `csrfSession`). */
export interface SessionOptions {
  /** Further attempts after a failed `GET {url}/session` before a write gives up (default 3). */
  readonly retries?: number | undefined
  /** The wait before the first retry (default 100 ms), doubled before each next one: 100, 200, 400 ms. */
  readonly retryDelayMs?: number | undefined
}

/** A token as the client holds it, with the cookie it came with where the runtime has no cookie jar. */
export interface SessionToken {
  /** `null` when the server checks no token (`csrf: false`): nothing is sent then. */
  readonly token: string | null
  /** `name=value` of the cookie `/session` set, when the runtime let the client see it (Node, not browsers). */
  readonly cookie: string | undefined
}

export interface CsrfSession {
  /**
   * The token, fetched on first use: concurrent callers share one attempt (and its retries with
   * backoff); after they all failed, the callers reject with the last failure, and the next call
   * starts a fresh attempt. `path` names the caller's procedure in that error.
   */
  token(path: string, signal?: AbortSignal | undefined): Promise<SessionToken>
  /** Drops `stale` when it is still the one held, so the next `token` fetches a new one. */
  forget(stale: SessionToken): void
}

/** The session as `createClient` starts it: what writes and `fetchWithInvalidation` send through. */
export interface StartedSession {
  /** Sends a write with the token (see `sendWithCsrf`); `send` puts it in the headers it is given. */
  send(path: string, signal: AbortSignal | undefined, send: (withToken: (headers: HeadersValue) => HeadersValue) => Promise<Response>): Promise<Response>
  /** The connection `fetchWithInvalidation` goes through (see `connectionWithCsrf`). */
  guard(connection: Connection): Connection
}

/** What `csrfSession()` returns, for `createClient`'s `session` option. */
export type CsrfSessionFactory = (connection: Connection) => StartedSession

/**
 * The CSRF session, for a server that checks CSRF tokens (Mizan's default). Before its first
 * write the client fetches a token from `GET {url}/session` (once for all concurrent writes; 3
 * retries, 100/200/400 ms apart; after total failure the write rejects and the next one tries
 * again) and sends it with every write, and with `fetchWithInvalidation(client)` writes to the router's origin. A write
 * refused with the code `CSRF` refreshes the token and is sent once more. The server's cookie
 * must come along: same-origin by default; across origins set `credentials: 'include'`. A
 * factory rather than a flag, so that a client without it (a server with `csrf: false`) ships
 * none of its code.
 *
 * @example createClient<AppRouter>({ url: '/mizan', session: csrfSession() })
 */
export function csrfSession(options?: SessionOptions): CsrfSessionFactory {
  return (connection) => {
    const session = createCsrfSession(connection, options)
    return {
      send: (path, signal, send) => sendWithCsrf(session, path, signal, send),
      guard: (inner) => connectionWithCsrf(inner, session),
    }
  }
}

const defaults = { retries: 3, retryDelayMs: 100 }

/**
 * The CSRF session of a client: the token of `GET {url}/session`, kept in memory. A browser
 * keeps the cookie that comes with it; where the answer's `Set-Cookie` is visible (Node, which
 * has no cookie jar) the client keeps it and sends it back itself, so writes from a server or a
 * script pass the check too.
 */
export function createCsrfSession(connection: Connection, options: SessionOptions = {}): CsrfSession {
  const retries = options.retries ?? defaults.retries
  const retryDelayMs = options.retryDelayMs ?? defaults.retryDelayMs
  let held: SessionToken | undefined
  let pending: Promise<SessionToken> | undefined

  const fetchOnce = async (): Promise<SessionToken> => {
    const response = await connection
      .fetch(`${connection.url}${sessionRoute}`, { method: 'GET', headers: await connection.headers(), credentials: connection.credentials, signal: undefined })
      .catch((cause: unknown) => {
        throw networkError(cause, sessionRoute, undefined)
      })
    const answer = await readJson(response, sessionRoute)
    if (response.status !== 200) throw requestError(answer, response.status, sessionRoute)
    const token = (answer as { token?: unknown } | null)?.token
    if (typeof token !== 'string' && token !== null) throw badResponse(sessionRoute, response.status, 'the session answer holds no token')
    // getSetCookie: a browser hides Set-Cookie (its own jar has the cookie); Node shows it.
    const cookies = response.headers.getSetCookie?.() ?? []
    const cookie = cookies.map((line) => line.split(';', 1)[0]!.trim()).join('; ')
    return { token, cookie: cookie === '' ? undefined : cookie }
  }

  const attempt = async (): Promise<SessionToken> => {
    for (let failures = 0; ; failures++) {
      try {
        return await fetchOnce()
      } catch (error) {
        if (failures === retries) throw new SessionFailure(failures + 1, error)
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs * 2 ** failures))
      }
    }
  }

  return {
    async token(path, signal) {
      if (held) return held
      pending ??= attempt().then(
        (token) => {
          held = token
          pending = undefined
          return token
        },
        (error: unknown) => {
          // Reset: the next call tries again rather than staying broken.
          pending = undefined
          throw error
        },
      )
      try {
        return await untilAborted(pending, signal)
      } catch (error) {
        throw error instanceof SessionFailure ? error.for(connection.url, path) : error
      }
    },
    forget(stale) {
      if (held === stale) held = undefined
    },
  }
}

/** Every attempt failed; `last` is the last one's error. */
class SessionFailure extends Error {
  readonly attempts: number
  readonly last: unknown

  constructor(attempts: number, last: unknown) {
    super('No CSRF token')
    this.attempts = attempts
    this.last = last
  }

  /** The error of one caller: the last failure's code and status, and what to do. */
  for(url: string, path: string): MizanClientError {
    const last = this.last instanceof MizanClientError ? this.last : undefined
    const reason = last ? last.message : String(this.last)
    return new MizanClientError({
      code: last?.code ?? 'NETWORK',
      status: last?.status ?? 0,
      path,
      message: `No CSRF token for this write: GET ${url}${sessionRoute} failed ${this.attempts} times (last: ${reason}); the next write tries again`,
      cause: this.last,
    })
  }
}

// One caller giving up leaves the shared attempt running for the others.
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason)
    signal.addEventListener('abort', abort, { once: true })
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort))
  })
}
