import { randomUUID } from 'node:crypto'
import type { Redis } from 'ioredis'
import { Lru } from '../cache/lru.ts'
import { assertTtl, memoryCacheDefaults } from '../cache/memory-cache.ts'
import type { FieldKeys } from '../protocol/field-keys.ts'
import type { CacheKey, CacheReservation, PurgeSelector, ResultCache } from '../cache/result-cache.ts'
import { ScopedIndex } from '../cache/scoped-index.ts'
import { connectionHealth } from './connection-health.ts'
import { endConnection } from './end-connection.ts'
import { ownConnectionOptions } from './own-connection-options.ts'
import { commitScript, getScript, part, purgeScript } from './scripts.ts'

export interface RedisCacheOptions {
  /**
   * An ioredis client, used as a template only: the store opens its own two connections with
   * `redis.duplicate()` (one for commands, one subscribed to purges), with its own timeouts, and
   * `close()` ends them. The client given is never used for commands nor closed.
   */
  readonly redis: Redis
  /** Put before every key and the pub/sub channel; instances sharing a cache share it. Default `mizan:`. */
  readonly prefix?: string
  /** Results each instance also keeps in memory, checked against Redis on every use. 0: none. Default 1000. */
  readonly maxLocalEntries?: number
  /** How long an entry stays fresh when its context's `.cache()` names no `ttlMs`. Default 60 000. */
  readonly ttlMs?: number
  /** How long a Redis command may take before the cache is bypassed. Default 200. */
  readonly timeoutMs?: number
}

/** A `ResultCache` shared through Redis, with the connections it owns. */
export interface RedisCache extends ResultCache {
  /** Entries held in this instance's local layer (for monitoring). */
  readonly localEntries: number
  /** Whether Redis is in use: false until it first answers and while it is unreachable. */
  readonly connected: boolean
  /** Ends the store's connections and timers. The cache is bypassed from then on. */
  close(): Promise<void>
}

/** Where an instance stood when it read: epoch, context generation, scope generation. */
type Stamp = readonly [number, number, number]

interface Reservation extends CacheReservation {
  stale: boolean
  /** Undefined while Redis is not reachable: such a computation is served, not stored. */
  stamp: Stamp | undefined
}

interface LocalEntry {
  readonly key: CacheKey
  readonly version: string
  readonly text: string
  readonly expiresAt: number
}

/** The commands the scripts add to the store's own command connection. */
interface ScriptCommands {
  mizanGet(...args: string[]): Promise<(string | number)[]>
  mizanCommit(...args: (string | number)[]): Promise<number | null>
  mizanPurge(...args: string[]): Promise<number>
}

// Generations only guard reservations (requests in flight): an hour outlives any of them.
const generationTtlMs = 3_600_000

/**
 * The result cache for several server instances: entries live in Redis (shared, with a time to
 * live), a purge deletes the matching ones there before the write answers and tells every
 * instance over pub/sub to drop its local copies. Pub/sub may lose messages, so nothing relies on
 * it: a local copy is served only after Redis confirms that it is still the current entry, and a
 * computation stores its result only if no purge of its context and scope came after it started.
 *
 * While Redis is unreachable every request is served uncached (one warning per outage), and
 * after it returns the instance makes every older entry a miss, since purges were lost meanwhile.
 * Standalone Redis (not Cluster). Import from `@mizan/server/redis`; needs `ioredis` 6.
 *
 * @example
 * import { Redis } from 'ioredis'
 * import { redisCache } from '@mizan/server/redis'
 * const cache = redisCache({ redis: new Redis(process.env.REDIS_URL!, { lazyConnect: true }) })
 * const m = initMizan.context<Ctx>().create({ cache, userKey: (ctx) => ctx.user?.id })
 * // on shutdown: await cache.close()
 */
export function redisCache(options: RedisCacheOptions): RedisCache {
  const prefix = options.prefix ?? 'mizan:'
  const maxLocal = options.maxLocalEntries ?? memoryCacheDefaults.maxEntries
  const defaultTtl = options.ttlMs ?? memoryCacheDefaults.ttlMs
  const timeoutMs = options.timeoutMs ?? 200
  if (!Number.isInteger(maxLocal) || maxLocal < 0) throw new TypeError('redisCache: maxLocalEntries must be a non-negative integer')
  assertTtl(defaultTtl, 'redisCache: ttlMs')
  assertTtl(timeoutMs, 'redisCache: timeoutMs')

  const own = ownConnectionOptions(timeoutMs)
  // Commands fail at once while disconnected instead of queueing behind a reconnect.
  const conn = options.redis.duplicate({ ...own, enableOfflineQueue: false }) as unknown as Redis & ScriptCommands
  const sub = options.redis.duplicate({ ...own, enableOfflineQueue: true, autoResubscribe: true })
  conn.defineCommand('mizanGet', { lua: getScript, numberOfKeys: 4, readOnly: true })
  conn.defineCommand('mizanCommit', { lua: commitScript, numberOfKeys: 7 })
  conn.defineCommand('mizanPurge', { lua: purgeScript, numberOfKeys: 0 })

  const instance = randomUUID()
  const channel = `${prefix}purge`
  const epochKey = `${prefix}epoch`
  const clockKey = `${prefix}clock`
  const contextGenKey = (key: CacheKey) => `${prefix}g:${part(key.context)}`
  const scopeGenKey = (key: CacheKey) => `${prefix}g:${part(key.context)}${part(key.scope)}`
  const entryBase = (key: CacheKey) => `${prefix}e:${part(key.context)}${part(key.scope)}`

  const local = new Lru<string, LocalEntry>(Math.max(maxLocal, 1), (_id, entry) => localIndex.delete(entry))
  const localIndex = new ScopedIndex<LocalEntry>()
  const reserved = new ScopedIndex<Reservation>()

  const dropLocal = (entry: LocalEntry) => {
    local.delete(entry.key.id)
    localIndex.delete(entry)
  }
  const clearLocal = () => {
    local.clear()
    localIndex.clear()
  }
  const purgeLocally = (selectors: readonly PurgeSelector[]) => {
    for (const selector of selectors) {
      for (const reservation of reserved.select(selector)) {
        reservation.stale = true
        reserved.delete(reservation)
      }
      if (selector.kind === 'all') clearLocal()
      else for (const entry of localIndex.select(selector)) dropLocal(entry)
    }
  }

  const health = connectionHealth({
    connection: conn,
    retryMs: timeoutMs,
    warn: (reason) => console.warn(`[mizan] redisCache: Redis is unreachable (${reason}); serving without the cache until it answers again`),
    // Whatever this instance held may be outdated by purges it can no longer hear of.
    onDown: clearLocal,
    beforeUp: async (wasDown) => {
      if (!wasDown) return conn.ping()
      // Purges made while Redis was away (here or on an instance that has not noticed yet) were
      // lost: every entry stored before now becomes a miss, before this instance serves any.
      await conn.incr(epochKey)
      clearLocal()
    },
  })
  const failed = (error: unknown) => health.failed(error)

  sub.on('error', () => {}) // the command connection reports the outage
  let subscribedOnce = false
  sub.on('ready', () => {
    // Messages may have been lost while it was away; local entries are checked anyway.
    if (subscribedOnce) clearLocal()
    subscribedOnce = true
  })
  sub.on('message', (from: string, message: string) => {
    if (from !== channel) return
    try {
      const decoded = JSON.parse(message) as { from: string; selectors: WireSelector[] }
      if (decoded.from !== instance) purgeLocally(decoded.selectors.map(fromWire))
    } catch {
      clearLocal()
    }
  })
  sub.subscribe(channel).catch(() => {})

  const stampOf = (reply: readonly (string | number)[]): Stamp => [Number(reply[0]), Number(reply[1]), Number(reply[2])]

  // A computation started before a purge this instance has not heard of must not be joined: the
  // stamp Redis just gave tells which reservations of this context and scope are outdated.
  const staleBefore = (key: CacheKey, now: Stamp) => {
    for (const reservation of reserved.select({ kind: 'whole', context: key.context, scope: key.scope })) {
      const stamp = reservation.stamp
      if (stamp && (stamp[0] < now[0] || stamp[1] < now[1] || stamp[2] < now[2])) {
        reservation.stale = true
        reserved.delete(reservation)
      }
    }
  }

  const storeLocal = (key: CacheKey, version: string, text: string, ttlMs: number) => {
    if (maxLocal === 0) return
    const previous = local.get(key.id)
    if (previous) localIndex.delete(previous)
    const entry: LocalEntry = { key, version, text, expiresAt: Date.now() + ttlMs }
    local.set(key.id, entry)
    localIndex.add(entry)
  }

  return {
    get localEntries() {
      return local.size
    },
    get connected() {
      return health.state === 'up'
    },
    async get(key) {
      if (health.state !== 'up') return undefined
      let held = local.get(key.id)
      if (held && held.expiresAt <= Date.now()) {
        dropLocal(held)
        held = undefined
      }
      let reply: (string | number)[]
      try {
        reply = await conn.mizanGet(epochKey, contextGenKey(key), scopeGenKey(key), entryBase(key) + key.params, held?.version ?? '')
      } catch (error) {
        failed(error)
        return undefined
      }
      staleBefore(key, stampOf(reply))
      if (reply.length === 3) {
        if (held) dropLocal(held)
        return undefined
      }
      if (reply.length === 4 && held && held.version === String(reply[3])) return held.text
      const text = String(reply[4])
      storeLocal(key, String(reply[3]), text, Number(reply[5]))
      return text
    },
    async reserve(key) {
      const reservation: Reservation = { key, stale: false, stamp: undefined }
      reserved.add(reservation)
      if (health.state !== 'up') return reservation
      try {
        const [e, cg, sg] = await conn.mget(epochKey, contextGenKey(key), scopeGenKey(key))
        reservation.stamp = [Number(e ?? 0), Number(cg ?? 0), Number(sg ?? 0)]
      } catch (error) {
        failed(error)
      }
      return reservation
    },
    async commit(reservation, text, ttlMs) {
      const r = reservation as Reservation
      reserved.delete(r)
      if (r.stale || !r.stamp || health.state !== 'up') return false
      const { key } = r
      const ttl = ttlMs ?? defaultTtl
      const fields = Object.fromEntries(key.fields())
      let version: number | null
      try {
        version = await conn.mizanCommit(
          epochKey, contextGenKey(key), scopeGenKey(key), entryBase(key) + key.params, `${prefix}i:${part(key.context)}${part(key.scope)}`,
          `${prefix}s:${part(key.context)}`, clockKey,
          String(r.stamp[0]), String(r.stamp[1]), String(r.stamp[2]), text, ttl, key.params, JSON.stringify(fields), key.scope, entryBase(key),
          `${prefix}i:${part(key.context)}`,
        )
      } catch (error) {
        failed(error)
        return false
      }
      if (version === null) return false
      // A purge heard while the commit travelled: Redis has it, so the local copy would be checked
      // and dropped at its first use anyway; not keeping it saves that round trip.
      if (!r.stale) storeLocal(key, String(version), text, ttl)
      return true
    },
    release(reservation) {
      reserved.delete(reservation as Reservation)
    },
    async purge(selectors) {
      purgeLocally(selectors)
      // Not in Redis while it is away: the epoch bump on recovery drops what this purge would have.
      if (health.state === 'closed' || health.state === 'down') return
      const wire = selectors.map(toWire)
      try {
        await conn.mizanPurge(prefix, JSON.stringify(wire), channel, String(generationTtlMs), JSON.stringify({ from: instance, selectors: wire }))
      } catch (error) {
        // Maybe applied, maybe not: treated as lost, so the epoch moves on recovery.
        health.failed(error, true)
      }
    },
    async close() {
      health.close()
      clearLocal()
      await Promise.all([conn, sub].map(endConnection))
    },
  }
}

type WireSelector =
  | { readonly kind: 'all' }
  | { readonly kind: 'whole'; readonly context: string; readonly scope: string | null }
  | { readonly kind: 'exact'; readonly context: string; readonly scope: string | null; readonly params: string }
  | { readonly kind: 'partial'; readonly context: string; readonly scope: string | null; readonly fields: [string, string | null][] }

// Fields as pairs, `null` for "must lack": JSON has no undefined, and Lua reads pairs in order.
function toWire(selector: PurgeSelector): WireSelector {
  if (selector.kind !== 'partial') return selector
  return { ...selector, fields: [...selector.fields].map(([field, key]) => [field, key ?? null]) }
}

function fromWire(selector: WireSelector): PurgeSelector {
  if (selector.kind !== 'partial') return selector as PurgeSelector
  const fields: FieldKeys = new Map(selector.fields.map(([field, key]) => [field, key ?? undefined]))
  return { ...selector, fields } as PurgeSelector
}
