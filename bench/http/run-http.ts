import { captureRequests } from './capture-requests.ts'
import type { Variant, Wire } from './handlers.ts'
import { median, percentile } from './load.ts'
import { measure as measureOnce } from './measure.ts'
import { rotated } from './rotated.ts'
import { scenarios as allScenarios } from './scenarios.ts'
import type { Scenario } from './scenarios.ts'

export const httpVariants: ReadonlyArray<readonly [Variant, Wire]> = [
  ['express', 'superjson'],
  ['mizan', 'superjson'],
  // The same Mizan router given a memory cache and an event bus, caching nothing: what that code costs on the path.
  ['mizan-cache-events', 'superjson'],
  ['trpc', 'superjson'],
  ['orpc', 'json'],
  ['express', 'json'],
  ['mizan', 'json'],
  ['trpc', 'json'],
]

/**
 * Variants measured in one scenario only, beside `httpVariants`: Mizan with its CSRF check off
 * (every other Mizan variant has it on), in the one scenario the check runs in, so the report
 * shows what it costs a write.
 */
export const scenarioOnlyVariants: Partial<Record<Scenario, ReadonlyArray<readonly [Variant, Wire]>>> = {
  mutation: [['mizan-csrf-off', 'superjson']],
}

/** The variants measured in `scenario`, alternated together. */
export function variantsOf(scenario: Scenario): ReadonlyArray<readonly [Variant, Wire]> {
  return [...httpVariants, ...(scenarioOnlyVariants[scenario] ?? [])]
}

export interface HttpBenchOptions {
  readonly rounds: number
  readonly seconds: number
  readonly warmupSeconds: number
  readonly log: (line: string) => void
}

export interface HttpRunOptions extends HttpBenchOptions {
  /** The scenarios to measure (default: all); fewer only to try the bench out, the report wants all. */
  readonly scenarios?: readonly Scenario[] | undefined
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

export const keyOf = (variant: Variant, wire: Wire) => `${variant}/${wire}`

/** Fresh server process per measurement, warm-up discarded, variants alternated, medians kept. */
export async function runHttpBench(options: HttpRunOptions): Promise<HttpResults> {
  const { rounds, seconds, warmupSeconds, log } = options
  const scenarios = options.scenarios ?? allScenarios
  const captured = new Map(scenarios.flatMap(variantsOf).map((entry) => [keyOf(...entry), entry] as const))
  const requests = await captureRequests([...captured.values()])

  const measure = (variant: Variant, wire: Wire, scenario: Scenario, rate?: number) =>
    measureOnce({ variant, wire, request: requests.get(keyOf(variant, wire))![scenario], seconds, warmupSeconds, rate })

  const throughput: HttpResults['throughput'] = {}
  for (let round = 0; round < rounds; round++) {
    for (const scenario of scenarios) {
      for (const [variant, wire] of rotated(variantsOf(scenario), round)) {
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
      for (const [variant, wire] of rotated(variantsOf(scenario), round)) {
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
