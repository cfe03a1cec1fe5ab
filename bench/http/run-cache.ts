import { benchRedisMissing, startBenchRedis } from './bench-redis.ts'
import { captureRequests } from './capture-requests.ts'
import { pinCpus } from './cpu-pinning.ts'
import type { Variant, Wire } from './handlers.ts'
import { measure } from './measure.ts'
import { rotated } from './rotated.ts'
import { keyOf } from './run-http.ts'
import type { HttpBenchOptions } from './run-http.ts'
import type { Scenario } from './scenarios.ts'

/** One router, its reads uncached, cached in memory, cached in Redis: the same handlers and requests. */
export const cacheVariants: ReadonlyArray<readonly [Variant, Wire]> = [
  ['mizan', 'superjson'],
  ['mizan-cached-memory', 'superjson'],
  ['mizan-cached-redis', 'superjson'],
]

export const cacheScenarios = ['read', 'bundle'] as const satisfies readonly Scenario[]

export interface CacheResults {
  readonly options: Omit<HttpBenchOptions, 'log'>
  /** How the load generator and the servers were given CPUs. */
  readonly pinning: string
  /** Why the Redis variant was not measured; absent when it was. */
  readonly redisSkipped?: string
  /** The redis-server version measured against. */
  readonly redisVersion?: string
  /** req/s per round, by scenario then variant key (`mizan-cached-memory/superjson`). */
  readonly throughput: Record<string, Record<string, number[]>>
}

/**
 * Cached against uncached reads, as `runHttpBench` measures (fresh process, warm-up discarded,
 * variants alternated, CPUs pinned where `taskset` exists). The Redis variant runs against a redis-server started for it on a free
 * loopback port, and is skipped, with one line saying why, where there is no redis-server.
 */
export async function runCacheBench(options: HttpBenchOptions): Promise<CacheResults> {
  const { rounds, seconds, warmupSeconds, log } = options
  const missing = benchRedisMissing()
  if (missing) log(`skipping the Redis cache variant: ${missing}`)
  const redis = missing ? undefined : await startBenchRedis()
  const pinning = pinCpus(log)
  try {
    const variants = cacheVariants.filter(([variant]) => redis || variant !== 'mizan-cached-redis')
    const requests = await captureRequests(variants, { redisPort: redis?.port })
    const throughput: CacheResults['throughput'] = {}
    for (let round = 0; round < rounds; round++) {
      for (const scenario of cacheScenarios) {
        for (const [variant, wire] of rotated(variants, round)) {
          const request = requests.get(keyOf(variant, wire))![scenario]
          const result = await measure({ variant, wire, request, seconds, warmupSeconds, redisPort: redis?.port, serverPrefix: pinning.serverPrefix })
          ;((throughput[scenario] ??= {})[keyOf(variant, wire)] ??= []).push(result.requestsPerSecond)
          log(`cache round ${round + 1}/${rounds} ${scenario} ${keyOf(variant, wire)}: ${result.requestsPerSecond.toFixed(0)} req/s`)
        }
      }
    }
    return { options: { rounds, seconds, warmupSeconds }, pinning: pinning.description, ...(missing ? { redisSkipped: missing } : {}), ...(redis ? { redisVersion: redis.version } : {}), throughput }
  } finally {
    pinning.release()
    await redis?.stop()
  }
}
