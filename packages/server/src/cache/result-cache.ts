import type { MaybePromise } from '../procedure.ts'
import type { FieldKeys } from '../protocol/field-keys.ts'

/**
 * Whose entry it is: `public` (one for everyone) or `user:<key>` for a user-scoped context, the
 * key given by the router's `userKey`. The prefix keeps a user key from ever reading as public.
 */
export type CacheScope = 'public' | `user:${string}`

/** Names one cached result: a context instance, for one scope. */
export interface CacheKey {
  /** Unique per (context, scope, params): what single flight and a store's map are keyed by. */
  readonly id: string
  /** The context's dotted path. */
  readonly context: string
  readonly scope: CacheScope
  /** The canonical key of the params the resolver received (after validation). */
  readonly params: string
  /** The canonical key of each field of those params, for partial purges (computed once, when asked). */
  fields(): FieldKeys
}

/**
 * Which entries a purge drops, by the client's matching rules. `scope: null` means every scope
 * (a whole public context, or a write naming every user's data).
 */
export type PurgeSelector =
  | { readonly kind: 'all' }
  | { readonly kind: 'whole'; readonly context: string; readonly scope: CacheScope | null }
  | { readonly kind: 'exact'; readonly context: string; readonly scope: CacheScope | null; readonly params: string }
  | { readonly kind: 'partial'; readonly context: string; readonly scope: CacheScope | null; readonly fields: FieldKeys }

/**
 * The right to store one computation's result, taken before the resolver runs. A purge matching
 * its key in the meantime makes it `stale`: the result is then stored nowhere, and no later read
 * joins that computation.
 */
export interface CacheReservation {
  readonly key: CacheKey
  readonly stale: boolean
}

/**
 * Where results live: the in-memory LRU (`memoryCache`), or a shared store. Values are JSON text
 * of the transformer's serialised form, so no reader can change what another one gets. A store
 * may answer synchronously or with promises.
 */
export interface ResultCache {
  /** The entry's text while it is fresh; undefined otherwise. */
  get(key: CacheKey): MaybePromise<string | undefined>
  /** Called before a miss computes: see `CacheReservation`. */
  reserve(key: CacheKey): MaybePromise<CacheReservation>
  /**
   * Stores the result of a reserved computation unless a purge made it stale; true when stored.
   * Ends the reservation either way. `ttlMs` undefined: the store's default.
   */
  commit(reservation: CacheReservation, text: string, ttlMs: number | undefined): MaybePromise<boolean>
  /** Ends a reservation whose computation failed. */
  release(reservation: CacheReservation): void
  /** Drops every matching entry and makes every matching reservation stale, before it settles. */
  purge(selectors: readonly PurgeSelector[]): MaybePromise<void>
  /** Ends the store's connections and timers, if it has any: called by `close()` of the `create()` it was given to. */
  close?(): MaybePromise<void>
}
