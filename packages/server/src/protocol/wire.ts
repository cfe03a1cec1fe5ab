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
 * A mutation's answer: a unique id, its data or error, and in both cases the serialized
 * invalidation directives (a write can fail after changing something). A write whose resolver
 * succeeded answers with `data` (status 200) even when its targets could not be resolved precisely:
 * they widen (scoped -> whole context, or `all`). If its data cannot be serialised, the answer is
 * an INTERNAL error that still carries the directives. As for `ItemAnswer`, under plain JSON an
 * absent `data` (and no `error`) means the mutation returned undefined.
 */
export type MutationAnswer =
  | { readonly id: string; readonly data: unknown; readonly invalidate: unknown }
  | { readonly id: string; readonly error: WireError; readonly invalidate: unknown }

/** What a `Mizan-Invalidate` header carries: the write's id and its serialized directives. */
export interface MutationNotice {
  readonly id: string
  readonly invalidate: unknown
}

/** Limits both sides agree on; a server may be configured with other ones. */
export const wireDefaults = {
  /** Items per bundle: the server refuses more, the client splits before. */
  maxItems: 50,
  /** Request body bytes. */
  maxBodyBytes: 1024 * 1024,
  /** Characters of a URL the server accepts (414 beyond). */
  maxUrlLength: 8192,
  /** Characters of URL up to which the client sends a bundle as GET, POST beyond. */
  getUrlBudget: 4096,
  /** Bytes of a `Mizan-Invalidate` header value. */
  maxHeaderBytes: 8192,
} as const
