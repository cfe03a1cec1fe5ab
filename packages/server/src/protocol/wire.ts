import type { ErrorCode, ValidationIssue } from './error-codes.ts'

// The wire format, shared by the server's handler and the client runtime. Paths are relative to
// where the handler is mounted (e.g. `/mizan`).

/** `GET {base}/q?items=[...]` or `POST {base}/q` with the same JSON: a bundle of reads. */
export const queryRoute = '/q'
/** `POST {base}/m/{dotted.path}` with the transformer-serialized input as the JSON body. */
export const mutationRoute = '/m/'
/** The query parameter holding a GET bundle's items. */
export const itemsParam = 'items'
/** Header of view-path writes (form posts, webhooks): base64url JSON of a `MutationNotice`. */
export const invalidateHeader = 'mizan-invalidate'
/**
 * `GET {base}/events`: a Server-Sent Events stream of the writes this connection may see (its
 * user's user-scoped contexts, every public one). Each write is one `invalidate` event whose
 * data is a `MutationNotice` as JSON, with an `id:` line; comments keep the stream alive.
 */
export const eventsRoute = '/events'
/**
 * `GET {base}/devtools/map`, served in development only: the router's `InvalidationMap`, for
 * the Devtools panel (the client knows the router only by its type).
 */
export const devtoolsMapRoute = '/devtools/map'

/** One mutation of the invalidation map: the contexts its static targets name, and whether it has others. */
export interface MappedMutation {
  readonly path: string
  /** Mounted context paths its lists and thunks name, each once, in the order they are declared. */
  readonly contexts: readonly string[]
  /** True when some targets are known only at a call: functions of `{ input, ctx }` or of the result. */
  readonly dynamic: boolean
}

/**
 * What `GET {base}/devtools/map` answers: every mutation of the router, in mount order. A list,
 * not an object by path, so no path (`__proto__`) can be lost on the way.
 */
export interface InvalidationMap {
  readonly mutations: readonly MappedMutation[]
}

/** The SSE event name of a write's notice. */
export const invalidateEvent = 'invalidate'
/**
 * Request header of a mutation: the id the client chose for it, so it can recognise the echo of
 * its own write on the event stream even before the answer arrives. The server answers (and
 * publishes) with that id; without the header it makes one. See `isMutationId`.
 */
export const mutationIdHeader = 'mizan-mutation-id'

/**
 * `GET {base}/session`: answers a `SessionAnswer` and sets the CSRF cookie. A write must carry
 * the token in the `mizan-csrf` header (or a plain form its `_csrf` field), equal to the cookie.
 */
export const sessionRoute = '/session'
/** Request header carrying the CSRF token of a write. */
export const csrfHeader = 'mizan-csrf'
/** Form field carrying the CSRF token of a form posted without JavaScript. */
export const csrfFormField = '_csrf'

/** What `GET {base}/session` answers: the token to send, or `null` when the server checks none. */
export interface SessionAnswer {
  readonly token: string | null
}

const mutationIdPattern = /^[A-Za-z0-9_-]{16,64}$/

/** A mutation id a client may choose: 16 to 64 of `A-Z a-z 0-9 _ -` (a UUID qualifies). */
export function isMutationId(value: unknown): value is string {
  return typeof value === 'string' && mutationIdPattern.test(value)
}

/** One read of a bundle: the context's dotted path, then its serialized input when it has one. */
export type BundleItem = readonly [path: string, input?: unknown]

/** An error as it travels: never a stack or an internal message unless debug is on. */
export interface WireError {
  readonly code: ErrorCode
  readonly message: string
  readonly status: number
  readonly issues?: readonly ValidationIssue[]
  /** Only when the server runs with `debug: true`. */
  readonly stack?: string
}

/**
 * One answer per bundle item, in request order; the bundle itself answers 200. Each item is
 * serialised on its own: one whose data cannot be serialised is that item's INTERNAL error.
 * Under plain JSON, data that is `undefined` has no JSON form, so the item is `{}`: an absent
 * `data` (and no `error`) means undefined. superjson always writes the key.
 */
export type ItemAnswer =
  | {
      readonly data: unknown
      /**
       * The canonical form of the params as the context's schema parsed them (trimmed, coerced,
       * defaults filled), present only when it differs from the canonical form of the input sent.
       */
      readonly params?: unknown
    }
  | { readonly error: WireError }

/**
 * A mutation's answer: a unique id, its data or error, and in both cases the invalidation
 * directives in their wire form (`WireDirective`), since a write can fail after changing
 * something. A write whose resolver succeeded answers with `data` (status 200) even when its
 * targets could not be resolved precisely: they widen (scoped -> whole context, or `all`). If its
 * data cannot be serialised, the answer is an INTERNAL error that still carries the directives. As for `ItemAnswer`, under plain JSON an
 * absent `data` (and no `error`) means the mutation returned undefined.
 */
export type MutationAnswer =
  | { readonly id: string; readonly data: unknown; readonly invalidate: unknown }
  | { readonly id: string; readonly error: WireError; readonly invalidate: unknown }

/** What a `Mizan-Invalidate` header carries: the write's id and its directives in their wire form. */
export interface MutationNotice {
  readonly id: string
  readonly invalidate: unknown
}

/** Items per bundle: the server refuses more, the client splits before. */
export const defaultMaxItems = 50

/** Characters of URL up to which the client sends a bundle as GET, POST beyond. */
export const defaultGetUrlBudget = 4096

/**
 * Limits both sides agree on; a server may be configured with other ones. The client reads the
 * two it needs from their constants, so browser bundles leave this object out (and every value in
 * it is a literal: esbuild keeps an object with `1024 * 1024` in it, used or not).
 */
export const wireDefaults = {
  maxItems: defaultMaxItems,
  /** Request body bytes (1 MiB). */
  maxBodyBytes: 1_048_576,
  /** Characters of a URL the server accepts (414 beyond). */
  maxUrlLength: 8192,
  getUrlBudget: defaultGetUrlBudget,
  /** Bytes of a `Mizan-Invalidate` header value. */
  maxHeaderBytes: 8192,
} as const

/**
 * The media type of a streamed bundle answer. A client asks for it with `accept` (a CORS-safelisted
 * header, so a cross-origin GET bundle needs no preflight); without it a bundle answers the
 * buffered `ItemAnswer[]`. The streamed body is one `StreamedAnswer` as JSON per line, each ended
 * by `\n`, in the order the items settle, every item exactly once; the status is 200 once the
 * bundle is well-formed (request-level failures still answer `{ error }` as JSON).
 */
export const bundleStreamType = 'application/x-ndjson'

/** One line of a streamed bundle: the item's position in the request, then its answer. */
export type StreamedAnswer = readonly [index: number, answer: ItemAnswer]
