import type { CsrfOptions } from '../csrf/csrf-options.ts'
import type { AnyRouter } from '../router.ts'

/** Request headers by lower-case name, as Node gives them. */
export type HeaderRecord = Readonly<Record<string, string | string[] | undefined>>

/**
 * The plain request the handler core works on: adapters fill it from Express, node:http or the
 * Fetch API without copying the body.
 */
export interface HttpRequest {
  readonly method: string
  /** The path below the mount point, without the query: `/q`, `/m/shop.addItem`. */
  readonly path: string
  /** The raw query string, without `?`. */
  readonly query: string
  readonly headers: HeaderRecord
  /**
   * Scheme and host the request was sent to (`https://example.com`), when the adapter knows
   * them: the CSRF check compares a write's `Origin` with this host (else with the `Host`
   * header) and marks its cookie `Secure` on https.
   */
  readonly origin?: string | undefined
  /**
   * Reads the body as UTF-8 text; rejects with PAYLOAD_TOO_LARGE past `limit` bytes, BAD_REQUEST
   * for bytes that are not UTF-8, and TIMEOUT when it does not arrive within the adapter's
   * `bodyTimeoutMs`.
   */
  readBody(limit: number): Promise<string>
  /** Set when an earlier parser (e.g. `express.json()`) has already read the body. */
  readonly parsedBody?: { readonly value: unknown } | undefined
  /**
   * Fires when the client goes away; resolvers see it as `signal`. Read it only where it is
   * needed: the Node adapters make it on first read (see `nodeRequestOf`).
   */
  readonly signal: AbortSignal | undefined
}

/** A body is text, bytes, or a stream of either (SSE and streaming answers). */
export type HttpBody = string | Uint8Array | AsyncIterable<string | Uint8Array>

export interface HttpResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: HttpBody
}

export type ErrorSource = 'context' | 'mutation' | 'request'

export interface ErrorInfo {
  /** What was thrown, as thrown: log it here; the client only gets a safe summary. */
  readonly error: unknown
  readonly type: ErrorSource
  /** The procedure's path, when the error belongs to one. */
  readonly path: string | undefined
}

export interface HandlerOptions<TRouter extends AnyRouter> {
  readonly router: TRouter
  /**
   * Request bytes accepted in a body (default 1 MB); a larger one answers 413. It bounds decoded
   * text too: a request's inputs may hold at most this many characters of strings, object keys
   * and BigInt digits (or the URL's length, if longer), counted wherever a shared reference places
   * them; more answers 413.
   */
  readonly maxBodyBytes?: number | undefined
  /** Reads accepted in one bundle (default 50). */
  readonly maxItems?: number | undefined
  /** Characters accepted in a URL (default 8192); a longer GET bundle answers 414. */
  readonly maxUrlLength?: number | undefined
  /**
   * Values one request's inputs may hold once decoded, all bundle items together (default
   * 100,000); more answers 413. Counted as if shared references were expanded: a value that
   * superjson's referential equalities place at two paths counts twice, so a small body cannot
   * build an input that grows without bound when a resolver, a key or a serialiser walks it.
   * Every array slot, object property, Map key and value, and Set member is one value.
   */
  readonly maxInputNodes?: number | undefined
  /**
   * Levels of nested objects and arrays an input may have once decoded (default 64); deeper
   * answers 400, as does an input that contains itself (a cycle).
   */
  readonly maxInputDepth?: number | undefined
  /**
   * Milliseconds a request body may take to arrive, from when Mizan starts reading it (default
   * 10,000); a slower one answers 408 TIMEOUT and the connection is closed. `Infinity` switches
   * the deadline off. The Express and Fetch adapters apply it; a custom adapter's `readBody`
   * should too.
   *
   * It bounds only the body Mizan reads. Set the Node server's own timeouts too: they cover what
   * comes before Mizan (the headers) and every other route. `server.requestTimeout` bounds a
   * whole request (300 s by default: lower it, e.g. to 30 s); `server.headersTimeout` bounds the
   * headers (60 s by default, at most `requestTimeout`: e.g. 10 s); `server.keepAliveTimeout`
   * bounds the idle time between requests on one connection (behind a load balancer, keep it
   * above the balancer's own idle timeout, or the balancer reuses connections Node just closed).
   */
  readonly bodyTimeoutMs?: number | undefined
  /**
   * Sends unknown errors' messages and stacks to clients. Off by default: clients then get a
   * generic INTERNAL error and nothing else. Never switch it on in production.
   */
  readonly debug?: boolean | undefined
  /** Called with every error, as thrown, for logging. */
  readonly onError?: ((info: ErrorInfo) => void) | undefined
  /**
   * The CSRF check of writes, **on by default**: `GET {base}/session` answers a token (and sets
   * it as the `mizan-csrf` cookie), and every mutation must carry it in the `mizan-csrf` header,
   * signed with the secret and equal to the cookie, or it is refused with 403 `CSRF` before the
   * body is read or `createContext`, middleware and resolvers run. A present `Origin` other than
   * the server's own (or one of `allowedOrigins`) and `Sec-Fetch-Site: cross-site` are refused
   * the same way; bundles of reads sent as POST get these two checks too, GET reads and the event
   * stream none (they change nothing). The Mizan client fetches and sends the token itself.
   *
   * Give a secret (see `CsrfOptions.secret`): several instances then accept each other's tokens,
   * and production (`NODE_ENV=production`) refuses to start without one. `false` switches the
   * check off, for an API that no browser calls with cookies (e.g. one authenticated by a bearer
   * header); `/session` then answers `{ token: null }`.
   *
   * @example csrf: { secret: process.env.MIZAN_CSRF_SECRET, allowedOrigins: ['https://app.example.com'] }
   */
  readonly csrf?: CsrfOptions | false | undefined
  /**
   * Serves `GET {base}/devtools/map`, the router's invalidation map that `MizanDevtools` draws:
   * each mutation and the contexts its static targets name. Off: the route answers 404. By
   * default on unless `NODE_ENV` is `production` (and off where there is no `process`).
   */
  readonly devtools?: boolean | undefined
}
