import { startBenchServer } from './bench-server.ts'
import type { Variant, Wire } from './handlers.ts'
import { loadOnly2xx } from './load.ts'
import type { LoadResult } from './load.ts'
import type { CapturedRequest } from './scenarios.ts'

export interface Measurement {
  readonly variant: Variant
  readonly wire: Wire
  /** What the load generator replays, as the variant's own client sent it. */
  readonly request: CapturedRequest
  readonly seconds: number
  readonly warmupSeconds: number
  /** A fixed overall rate (latency); saturation when absent (throughput). */
  readonly rate?: number | undefined
  readonly redisPort?: number | undefined
  /** What the server is started through, to pin it (see `pinCpus`). */
  readonly serverPrefix?: readonly string[] | undefined
}

/**
 * One measurement: a fresh server process, a warm-up that is discarded, then the run. Any answer
 * other than 2xx, in the warm-up or the run, fails it (and with it the bench): no refused
 * request is ever counted as throughput.
 */
export async function measure(m: Measurement): Promise<LoadResult> {
  const server = await startBenchServer(m.variant, m.wire, { redisPort: m.redisPort, prefix: m.serverPrefix })
  try {
    await loadOnly2xx(server.origin, m.request, { seconds: m.warmupSeconds, rate: m.rate })
    return await loadOnly2xx(server.origin, m.request, { seconds: m.seconds, rate: m.rate, keepLatencies: m.rate !== undefined })
  } catch (error) {
    throw new Error(`${m.variant}/${m.wire}: ${error instanceof Error ? error.message : String(error)}`, { cause: error })
  } finally {
    await server.stop()
  }
}
