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
  /** Reads the body as text; rejects with PAYLOAD_TOO_LARGE past `limit` bytes. */
  readBody(limit: number): Promise<string>
  /** Set when an earlier parser (e.g. `express.json()`) has already read the body. */
  readonly parsedBody?: { readonly value: unknown } | undefined
  /** Fires when the client goes away; resolvers see it as `signal`. */
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
  /** Request bytes accepted in a body (default 1 MB); a larger one answers 413. */
  readonly maxBodyBytes?: number | undefined
  /** Reads accepted in one bundle (default 50). */
  readonly maxItems?: number | undefined
  /** Characters accepted in a URL (default 8192); a longer GET bundle answers 414. */
  readonly maxUrlLength?: number | undefined
  /**
   * Sends unknown errors' messages and stacks to clients. Off by default: clients then get a
   * generic INTERNAL error and nothing else. Never switch it on in production.
   */
  readonly debug?: boolean | undefined
  /** Called with every error, as thrown, for logging. */
  readonly onError?: ((info: ErrorInfo) => void) | undefined
}
