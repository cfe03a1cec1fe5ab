import type { RedisOptions } from 'ioredis'

/**
 * The options of the connections Mizan opens with `redis.duplicate()`: whatever the app's client
 * says, a command never waits longer than `timeoutMs` (nor retries), and a lost connection is
 * retried every second at most, so a Redis outage costs a request one short wait, not a hang.
 */
export function ownConnectionOptions(timeoutMs: number): Partial<RedisOptions> {
  return {
    lazyConnect: false,
    commandTimeout: timeoutMs,
    connectTimeout: Math.max(timeoutMs, 1000),
    maxRetriesPerRequest: 0,
    retryStrategy: (times) => Math.min(times * 50, 1000),
  }
}
