import type { Transformer } from '@mizan/server/protocol'
import type { CsrfSessionFactory } from './csrf-session.ts'
import type { LiveEvents } from './live-events.ts'
import type { StreamedAnswers } from './streamed-answers.ts'

export type HeadersValue = Record<string, string>

export interface BatchOptions {
  /**
   * How long reads are collected before they go out together: 0 (default) is one microtask,
   * which covers one React commit and the refetches of one invalidation flush; more (in ms)
   * gathers reads issued over a few milliseconds.
   */
  readonly windowMs?: number | undefined
  /** Items per bundle (default 50, the server's default limit); bigger bundles are split. */
  readonly maxItems?: number | undefined
  /** URL characters up to which a bundle goes as GET (default 4096); POST beyond. */
  readonly getUrlBudget?: number | undefined
  /**
   * Streamed answers for bundles of two or more reads: `streamedAnswers()`, imported on its own
   * so that apps without it do not ship its code. Without it every bundle is answered whole.
   *
   * @example createClient<AppRouter>({ url: '/mizan', batch: { stream: streamedAnswers() } })
   */
  readonly stream?: StreamedAnswers | undefined
}

export interface InvalidationOptions {
  /**
   * How long the directives of write answers are collected before one flush refetches what they
   * name: 0 (default) is one microtask, which merges the answers that arrive in one tick; more
   * (in ms) also merges answers that arrive a few ms apart, such as those of two writes fired
   * together, so a query both invalidate is refetched once rather than twice. The refetches then
   * start up to that long after the first answer (the window runs from it, never extended).
   *
   * @example createClient<AppRouter>({ url: '/mizan', invalidation: { windowMs: 10 } })
   */
  readonly windowMs?: number | undefined
}

export interface ClientOptions {
  /** Where the router is served, e.g. `/mizan` or `https://api.example.com/mizan`. */
  readonly url: string
  /** Must be the server's transformer (e.g. superjson); plain JSON if unset. */
  readonly transformer?: Transformer | undefined
  /** Headers for every request (auth...), or a function computing them per request. */
  readonly headers?: HeadersValue | (() => HeadersValue | Promise<HeadersValue>) | undefined
  readonly credentials?: RequestCredentials | undefined
  /** A fetch to use instead of the global one (tests, polyfills, instrumentation). */
  readonly fetch?: typeof fetch | undefined
  /** Read batching settings; `false` sends every read on its own. */
  readonly batch?: BatchOptions | false | undefined
  /** When the invalidations that write answers carry are applied (see `windowMs`). */
  readonly invalidation?: InvalidationOptions | undefined
  /**
   * Live invalidation from the server's event stream: `liveEvents()`, imported on its own so that
   * apps without it do not ship its code. Off by default.
   *
   * @example createClient<AppRouter>({ url: '/mizan', events: liveEvents() })
   */
  readonly events?: LiveEvents | undefined
  /**
   * The CSRF session, for a server that checks tokens (its default): `csrfSession()`, imported on
   * its own so that apps without it do not ship its code. Without it the client sends no token.
   *
   * @example createClient<AppRouter>({ url: '/mizan', session: csrfSession() })
   */
  readonly session?: CsrfSessionFactory | undefined
}

export interface CallOptions {
  /** Aborts this call; a bundle's request is aborted only once all its calls are. */
  readonly signal?: AbortSignal | undefined
  /** Headers for this call, over the client's own (e.g. an idempotency key for one write). */
  readonly headers?: HeadersValue | undefined
}

export interface QueryOptions extends CallOptions {
  /** `false` sends this read on its own, right away, outside any bundle. */
  readonly batch?: boolean | undefined
  /**
   * Headers for this read, over the client's own. A read shares its bundle only with reads whose
   * headers are equal (none counts as equal to none), so an answer never depends on headers
   * another caller chose.
   */
  readonly headers?: HeadersValue | undefined
  /**
   * Receives, before the read resolves, the params as the context's schema parsed them (trimmed,
   * coerced, defaults filled) when the server says they differ from the ones sent. The React
   * bridge uses it so that a write naming either form finds the query (see the README's
   * "Canonical params").
   */
  readonly onParsedParams?: ((params: unknown) => void) | undefined
}

/** What the runtime passes to fetch: unset fields stay undefined rather than absent. */
export interface FetchInit {
  readonly method: 'GET' | 'POST'
  readonly headers: HeadersValue
  readonly body?: string | undefined
  readonly credentials: RequestCredentials | undefined
  readonly signal: AbortSignal | undefined
}

/** What the runtime needs to talk to the server, with defaults applied. */
export interface Connection {
  readonly url: string
  readonly transformer: Transformer
  readonly credentials: RequestCredentials | undefined
  fetch(input: string, init: FetchInit | RequestInit): Promise<Response>
  headers(): Promise<HeadersValue>
}

export function createConnection(options: ClientOptions, jsonTransformer: Transformer): Connection {
  const { headers } = options
  return {
    url: options.url.replace(/\/+$/, ''),
    transformer: options.transformer ?? jsonTransformer,
    credentials: options.credentials,
    // Looked up per call so test doubles installed later still apply; never called unbound.
    fetch: (input, init) =>
      (options.fetch ?? globalThis.fetch)(input, init as RequestInit).catch((cause: unknown) => {
        // Only a page resolves a relative URL (a custom fetch may too); elsewhere the global
        // fetch's "Failed to parse URL" would not say what to change.
        if (options.fetch || typeof location !== 'undefined' || /^[a-z][a-z\d+.-]*:/i.test(input)) throw cause
        throw new TypeError(`the client's url "${options.url}" is relative: outside a browser it must be absolute`, { cause })
      }),
    headers: async () => (typeof headers === 'function' ? await headers() : (headers ?? {})),
  }
}
