import type { MaybePromise, ProcedureDef } from '../procedure.ts'
import type { Transformer } from '../protocol/transformer.ts'
import { fieldKeysOf } from '../protocol/field-keys.ts'
import type { FieldKeys } from '../protocol/field-keys.ts'
import { paramsKey } from './params-key.ts'
import { SerializedResult } from './serialized-result.ts'
import type { CacheKey, CacheReservation, CacheScope, ResultCache } from './result-cache.ts'
import { userKeyOf } from '../user-key-of.ts'

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
   * the wire, so every reader gets its own copy. A hit of a synchronous store answers at once
   * (no promise); anything else may throw or reject. With `asText`, the result comes as a
   * `SerializedResult` instead of decoded values, for an answer that would only encode them again.
   */
  read(
    def: ProcedureDef,
    path: string,
    ctx: unknown,
    input: unknown,
    signal: () => AbortSignal | undefined,
    run: () => unknown,
    asText?: boolean,
  ): MaybePromise<unknown>
}

interface Flight {
  reservation: CacheReservation | undefined
  /** The signal of the request that leads it, read only when the flight fails. */
  readonly signal: () => AbortSignal | undefined
  text: Promise<string>
}

// `undefined` under plain JSON serialises to no text at all; JSON text is never empty.
const undefinedText = ''

export function createRouterCache(store: ResultCache, transformer: Transformer, userKey: UserKeyFn | undefined): RouterCache {
  const flights = new Map<string, Flight>()

  const userOf = (ctx: unknown): string | undefined => userKeyOf(userKey, ctx)
  const encode = (value: unknown): string => JSON.stringify(transformer.serialize(value)) ?? undefinedText
  const decode = (text: string): unknown => (text === undefinedText ? undefined : transformer.deserialize(JSON.parse(text)))

  const fly = (key: CacheKey, ttlMs: number | undefined, signal: () => AbortSignal | undefined, run: () => unknown): Flight => {
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

  const miss = async (key: CacheKey, ttlMs: number | undefined, signal: () => AbortSignal | undefined, run: () => unknown, answer: (text: string) => unknown): Promise<unknown> => {
    for (;;) {
      const joined = flights.get(key.id)
      // A computation a purge overtook may return what the write changed: never join it.
      const flight = joined && !joined.reservation?.stale ? joined : fly(key, ttlMs, signal, run)
      try {
        return answer(await flight.text)
      } catch (error) {
        // The request that led the computation went away: compute again for this one.
        if (flight !== joined || !flight.signal()?.aborted || signal()?.aborted) throw error
      }
    }
  }

  // Not async: a hit in a synchronous store (the memory cache) answers without a promise.
  const read: RouterCache['read'] = (def, path, ctx, input, signal, run, asText = false) => {
    const scope = scopeOf(def, userOf(ctx))
    if (scope === undefined) return run()
    let key: CacheKey
    try {
      key = cacheKey(path, scope, input, transformer)
    } catch {
      // Params no key can be made of are served, uncached.
      return run()
    }
    const ttlMs = def.cache?.ttlMs
    const answer = asText ? serialized : decode
    const got = store.get(key)
    if (got instanceof Promise) return got.then((hit) => (hit === undefined ? miss(key, ttlMs, signal, run, answer) : answer(hit)))
    return got === undefined ? miss(key, ttlMs, signal, run, answer) : answer(got)
  }

  return { store, transformer, userOf, read }
}

const serialized = (text: string): SerializedResult => new SerializedResult(text)

function scopeOf(def: ProcedureDef, user: string | undefined): CacheScope | undefined {
  if (def.scope === 'public') return 'public'
  return user === undefined ? undefined : `user:${user}`
}

function cacheKey(context: string, scope: CacheScope, input: unknown, transformer: Transformer): CacheKey {
  const params = paramsKey(input, transformer)
  let fields: FieldKeys | undefined
  return {
    // Lengths mark where the path and the scope end, so no two keys share an id (and no JSON.stringify).
    id: `${context.length}:${context}${scope.length}:${scope}${params}`,
    context,
    scope,
    params,
    // Each field of keyable params is keyable too.
    fields: () => (fields ??= fieldKeysOf(input, transformer, false)),
  }
}
