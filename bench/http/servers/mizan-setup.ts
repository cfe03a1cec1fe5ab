import { Redis } from 'ioredis'
import { memoryCache, memoryEvents } from '@mizan/server'
import { redisCache } from '@mizan/server/redis'
import { handlers } from '../handlers.ts'
import type { MizanVariant } from '../handlers.ts'
import type { MizanSetup } from './mizan.ts'

/** Resolver runs of a cached variant's handlers, by handler. */
export type Computed = Record<keyof typeof handlers, number>

/**
 * The setup of a Mizan variant. The cached ones count their resolver runs (the uncached ones
 * keep the plain handlers every framework shares). The Redis one resolves once its cache is
 * connected, so no request is served uncached for want of a connection.
 */
export async function mizanSetup(variant: MizanVariant, redisPort: number | undefined): Promise<{ setup: MizanSetup; computed?: Computed }> {
  if (variant === 'mizan' || variant === 'mizan-node') return { setup: {} }
  if (variant === 'mizan-csrf-off') return { setup: { csrf: false } }
  if (variant === 'mizan-cache-events') return { setup: { cache: memoryCache(), events: memoryEvents() } }
  const computed: Computed = { listProjects: 0, getProject: 0, stats: 0, renameProject: 0 }
  const count =
    <A extends unknown[], R>(name: keyof Computed, handler: (...args: A) => R) =>
    (...args: A): R => {
      computed[name]++
      return handler(...args)
    }
  const counting: typeof handlers = {
    listProjects: count('listProjects', handlers.listProjects),
    getProject: count('getProject', handlers.getProject),
    stats: count('stats', handlers.stats),
    renameProject: count('renameProject', handlers.renameProject),
  }
  if (variant === 'mizan-cached-memory') return { setup: { cache: memoryCache(), cacheReads: true, handlers: counting }, computed }
  if (redisPort === undefined) throw new Error('mizan-cached-redis needs the port of a redis-server')
  const cache = redisCache({ redis: new Redis({ port: redisPort, host: '127.0.0.1', lazyConnect: true }) })
  const started = Date.now()
  while (!cache.connected) {
    if (Date.now() - started > 10_000) throw new Error(`Redis did not answer on port ${redisPort}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  return { setup: { cache, cacheReads: true, handlers: counting }, computed }
}
