import { startBenchServer } from './bench-server.ts'
import type { Variant, Wire } from './handlers.ts'
import { load, median, percentile } from './load.ts'
import { captureScenarios, scenarios } from './scenarios.ts'
import type { CapturedRequest, Scenario } from './scenarios.ts'

export const httpVariants: ReadonlyArray<readonly [Variant, Wire]> = [
  ['express', 'superjson'],
  ['mizan', 'superjson'],
  ['trpc', 'superjson'],
  ['orpc', 'json'],
  ['express', 'json'],
  ['mizan', 'json'],
  ['trpc', 'json'],
]

export interface HttpBenchOptions {
  readonly rounds: number
  readonly seconds: number
  readonly warmupSeconds: number
  readonly log: (line: string) => void
}

export interface HttpResults {
  readonly options: Omit<HttpBenchOptions, 'log'>
  /** req/s per round, by scenario then variant key (`mizan/superjson`). */
  readonly throughput: Record<string, Record<string, number[]>>
  /** The fixed rate each scenario's latency was measured at, req/s. */
  readonly latencyRate: Record<string, number>
  /** p50 and p99 in ms per round, by scenario then variant key. */
  readonly latency: Record<string, Record<string, { p50: number[]; p99: number[] }>>
}

const keyOf = (variant: Variant, wire: Wire) => `${variant}/${wire}`

// Alternates the order of variants from round to round, so none always runs first or last.
function rotated<T>(items: readonly T[], by: number): T[] {
  const shift = by % items.length
  return [...items.slice(shift), ...items.slice(0, shift)]
}

/** Fresh server process per measurement, warm-up discarded, variants alternated, medians kept. */
export async function runHttpBench(options: HttpBenchOptions): Promise<HttpResults> {
  const { rounds, seconds, warmupSeconds, log } = options
  const requests = new Map<string, Record<Scenario, CapturedRequest>>()
  for (const [variant, wire] of httpVariants) {
    const server = await startBenchServer(variant, wire)
    const calls = await captureScenarios(variant, wire, server.origin)
    await server.stop()
    requests.set(keyOf(variant, wire), { read: calls.read.request, bundle: calls.bundle.request, mutation: calls.mutation.request })
  }

  const measure = async (variant: Variant, wire: Wire, scenario: Scenario, rate?: number) => {
    const server = await startBenchServer(variant, wire)
    try {
      const request = requests.get(keyOf(variant, wire))![scenario]
      await load(server.origin, request, { seconds: warmupSeconds, rate })
      const result = await load(server.origin, request, { seconds, rate, keepLatencies: rate !== undefined })
      if (result.non2xx > 0 || result.errors > 0) {
        throw new Error(`${keyOf(variant, wire)} ${scenario}: ${result.non2xx} non-2xx answers, ${result.errors} errors`)
      }
      return result
    } finally {
      await server.stop()
    }
  }

  const throughput: HttpResults['throughput'] = {}
  for (let round = 0; round < rounds; round++) {
    for (const scenario of scenarios) {
      for (const [variant, wire] of rotated(httpVariants, round)) {
        const result = await measure(variant, wire, scenario)
        ;((throughput[scenario] ??= {})[keyOf(variant, wire)] ??= []).push(result.requestsPerSecond)
        log(`throughput round ${round + 1}/${rounds} ${scenario} ${keyOf(variant, wire)}: ${result.requestsPerSecond.toFixed(0)} req/s`)
      }
    }
  }

  // Latency at a rate every variant sustains: half the slowest variant's median throughput.
  const latencyRate: Record<string, number> = {}
  const latency: HttpResults['latency'] = {}
  for (const scenario of scenarios) {
    latencyRate[scenario] = Math.max(50, Math.floor(Math.min(...Object.values(throughput[scenario]!).map(median)) / 2))
  }
  for (let round = 0; round < rounds; round++) {
    for (const scenario of scenarios) {
      for (const [variant, wire] of rotated(httpVariants, round)) {
        const result = await measure(variant, wire, scenario, latencyRate[scenario])
        const entry = ((latency[scenario] ??= {})[keyOf(variant, wire)] ??= { p50: [], p99: [] })
        entry.p50.push(percentile(result.latenciesMs, 50))
        entry.p99.push(percentile(result.latenciesMs, 99))
        log(`latency round ${round + 1}/${rounds} ${scenario} ${keyOf(variant, wire)} at ${latencyRate[scenario]} req/s: p50 ${entry.p50.at(-1)!.toFixed(3)} ms, p99 ${entry.p99.at(-1)!.toFixed(3)} ms`)
      }
    }
  }
  return { options: { rounds, seconds, warmupSeconds }, throughput, latencyRate, latency }
}
