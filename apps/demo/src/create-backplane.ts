import { memoryCache, memoryEvents } from '@mizan/server'
import type { EventBus, ResultCache } from '@mizan/server'

/** What the instances of one deployment share: the result cache and the event bus. */
export interface Backplane {
  readonly cache: ResultCache
  readonly events: EventBus
  readonly description: string
  /** Ends what the backplane opened itself (the cache and bus are closed by the router). */
  close(): Promise<void>
}

/**
 * Embedded defaults (in-memory cache and events: one process, no setup), or Redis when a URL is
 * given, so several instances share cached results and see each other's writes. ioredis is
 * imported only then: `npm run demo` never loads it.
 */
export async function createBackplane(redisUrl: string | undefined): Promise<Backplane> {
  if (!redisUrl) {
    return { cache: memoryCache(), events: memoryEvents(), description: 'memory cache and events', close: async () => {} }
  }
  const [{ Redis }, { redisCache, redisEvents }] = await Promise.all([import('ioredis'), import('@mizan/server/redis')])
  // A template only: the cache and the bus open (and close) their own connections from it.
  const redis = new Redis(redisUrl, { lazyConnect: true })
  return {
    cache: redisCache({ redis, prefix: 'mizan-demo:' }),
    events: redisEvents({ redis, channel: 'mizan-demo:events' }),
    description: `Redis at ${redisUrl}`,
    close: async () => {
      redis.disconnect()
    },
  }
}
