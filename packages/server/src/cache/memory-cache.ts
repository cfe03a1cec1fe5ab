import { Lru } from './lru.ts'
import type { CacheKey, CacheReservation, PurgeSelector, ResultCache } from './result-cache.ts'
import { ScopedIndex } from './scoped-index.ts'

export interface MemoryCacheOptions {
  /** The most entries kept; past it the least recently used goes. Default 1000. */
  readonly maxEntries?: number
  /** How long an entry stays fresh when its context's `.cache()` names no `ttlMs`. Default 60 000. */
  readonly ttlMs?: number
  /** The clock in milliseconds, for tests. Default `Date.now`. */
  readonly now?: () => number
}

export const memoryCacheDefaults = { maxEntries: 1000, ttlMs: 60_000 } as const

interface Entry {
  readonly key: CacheKey
  readonly text: string
  readonly expiresAt: number
}

interface Reservation extends CacheReservation {
  stale: boolean
}

/**
 * The embedded result cache: an in-process LRU with a time to live, no setup. Give it to
 * `create({ cache })`; contexts opt in with `.cache()`.
 *
 * @example initMizan.context<Ctx>().create({ cache: memoryCache({ maxEntries: 5000, ttlMs: 30_000 }), userKey: (ctx) => ctx.user?.id })
 */
export function memoryCache(options: MemoryCacheOptions = {}): ResultCache {
  const maxEntries = options.maxEntries ?? memoryCacheDefaults.maxEntries
  const defaultTtl = options.ttlMs ?? memoryCacheDefaults.ttlMs
  const now = options.now ?? Date.now
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new TypeError('memoryCache: maxEntries must be a positive integer')
  assertTtl(defaultTtl, 'memoryCache: ttlMs')

  const entries = new Lru<string, Entry>(maxEntries, (_id, entry) => byContext.delete(entry))
  const byContext = new ScopedIndex<Entry>()
  // Reservations of computations in flight, so a purge can make the matching ones stale.
  const reserved = new ScopedIndex<Reservation>()

  const remove = (entry: Entry) => {
    entries.delete(entry.key.id)
    byContext.delete(entry)
  }

  return {
    get(key) {
      const entry = entries.get(key.id)
      if (!entry) return undefined
      if (entry.expiresAt > now()) return entry.text
      remove(entry)
      return undefined
    },
    reserve(key) {
      const reservation: Reservation = { key, stale: false }
      reserved.add(reservation)
      return reservation
    },
    commit(reservation, text, ttlMs) {
      reserved.delete(reservation as Reservation)
      if (reservation.stale) return false
      const previous = entries.get(reservation.key.id)
      if (previous) byContext.delete(previous)
      const entry: Entry = { key: reservation.key, text, expiresAt: now() + (ttlMs ?? defaultTtl) }
      entries.set(entry.key.id, entry)
      byContext.add(entry)
      return true
    },
    release(reservation) {
      reserved.delete(reservation as Reservation)
    },
    purge(selectors: readonly PurgeSelector[]) {
      for (const selector of selectors) {
        for (const reservation of reserved.select(selector)) {
          reservation.stale = true
          reserved.delete(reservation)
        }
        if (selector.kind === 'all') {
          entries.clear()
          byContext.clear()
        } else {
          for (const entry of byContext.select(selector)) remove(entry)
        }
      }
    },
  }
}

/** Times to live must be positive and finite: an entry that never expires is a leak. */
export function assertTtl(ttlMs: number, name: string): void {
  if (typeof ttlMs !== 'number' || !Number.isFinite(ttlMs) || ttlMs <= 0) throw new TypeError(`${name} must be a positive, finite number of milliseconds`)
}
