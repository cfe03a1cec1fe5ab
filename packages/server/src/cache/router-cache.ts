import type { ProcedureDef } from '../procedure.ts'
import { canonicalKey } from '../protocol/canonical-key.ts'
import type { Transformer } from '../protocol/transformer.ts'
import { fieldKeysOf } from '../protocol/field-keys.ts'
import type { FieldKeys } from '../protocol/field-keys.ts'
import type { CacheKey, CacheReservation, CacheScope, ResultCache } from './result-cache.ts'

/** Gives the key of the user (or session) a request acts for; undefined for anonymous requests. */
// `any`: the router's context type is checked where the app writes the function (`create`).
export type UserKeyFn = (ctx: any) => string | number | null | undefined

/** A router's result cache: the store, and the read path in front of it. */
export interface RouterCache {
  readonly store: ResultCache
  readonly transformer: Transformer
  /** The user key of a context (as the resolver sees it), or undefined when anonymous. */
  userOf(ctx: unknown): string | undefined
  /**
   * Answers a cached context's read: from the store when fresh, else by `run`, shared with the
   * concurrent misses of the same key (single flight). Results go through the transformer as on
   * the wire, so every reader gets its own copy.
   */
  read(def: ProcedureDef, path: string, ctx: unknown, input: unknown, signal: AbortSignal | undefined, run: () => unknown): Promise<unknown>
}

interface Flight {
  reservation: CacheReservation | undefined
  readonly signal: AbortSignal | undefined
  text: Promise<string>
}

// `undefined` under plain JSON serialises to no text at all; JSON text is never empty.
const undefinedText = ''

export function createRouterCache(store: ResultCache, transformer: Transformer, userKey: UserKeyFn | undefined): RouterCache {
  const flights = new Map<string, Flight>()

  const userOf = (ctx: unknown): string | undefined => {
    const key = userKey?.(ctx)
    return key === undefined || key === null || key === '' ? undefined : String(key)
  }
  const encode = (value: unknown): string => JSON.stringify(transformer.serialize(value)) ?? undefinedText
  const decode = (text: string): unknown => (text === undefinedText ? undefined : transformer.deserialize(JSON.parse(text)))

  const fly = (key: CacheKey, ttlMs: number | undefined, signal: AbortSignal | undefined, run: () => unknown): Flight => {
    const flight: Flight = { reservation: undefined, signal, text: Promise.resolve('') }
    flights.set(key.id, flight)
    flight.text = compute(flight, key, ttlMs, run)
    return flight
  }

  const compute = async (flight: Flight, key: CacheKey, ttlMs: number | undefined, run: () => unknown): Promise<string> => {
    try {
      // Reserved before the resolver runs: a purge from here on makes the result unstorable. A
      // synchronous store's reservation is known at once, so no reader can join a stale flight.
      const reserving = store.reserve(key)
      const reservation = (flight.reservation = reserving instanceof Promise ? await reserving : reserving)
      let text: string
      try {
        text = encode(await run())
      } catch (error) {
        store.release(reservation)
        throw error
      }
      await store.commit(reservation, text, ttlMs)
      return text
    } finally {
      if (flights.get(key.id) === flight) flights.delete(key.id)
    }
  }

  const read: RouterCache['read'] = async (def, path, ctx, input, signal, run) => {
    const scope = scopeOf(def, userOf(ctx))
    if (scope === undefined) return run()
    let key: CacheKey
    try {
      key = cacheKey(path, scope, input, transformer)
    } catch {
      // Params no key can be made of are served, uncached.
      return run()
    }
    const hit = await store.get(key)
    if (hit !== undefined) return decode(hit)
    const ttlMs = def.cache?.ttlMs
    for (;;) {
      const joined = flights.get(key.id)
      // A computation a purge overtook may return what the write changed: never join it.
      const flight = joined && !joined.reservation?.stale ? joined : fly(key, ttlMs, signal, run)
      try {
        return decode(await flight.text)
      } catch (error) {
        // The request that led the computation went away: compute again for this one.
        if (flight !== joined || !flight.signal?.aborted || signal?.aborted) throw error
      }
    }
  }

  return { store, transformer, userOf, read }
}

function scopeOf(def: ProcedureDef, user: string | undefined): CacheScope | undefined {
  if (def.scope === 'public') return 'public'
  return user === undefined ? undefined : `user:${user}`
}

function cacheKey(context: string, scope: CacheScope, input: unknown, transformer: Transformer): CacheKey {
  const params = input === undefined ? '' : canonicalKey(input, transformer)
  let fields: FieldKeys | undefined
  return {
    id: JSON.stringify([context, scope, params]),
    context,
    scope,
    params,
    // Each field of keyable params is keyable too.
    fields: () => (fields ??= fieldKeysOf(input, transformer, false)),
  }
}
