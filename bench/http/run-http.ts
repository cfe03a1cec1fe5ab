import { loadavg } from 'node:os'
import { captureRequests } from './capture-requests.ts'
import { pinCpus } from './cpu-pinning.ts'
import type { Variant, Wire } from './handlers.ts'
import { median, percentile } from './load.ts'
import { measure as measureOnce } from './measure.ts'
import { rotated } from './rotated.ts'
import { scenarios as allScenarios } from './scenarios.ts'
import type { Scenario } from './scenarios.ts'

export const httpVariants: ReadonlyArray<readonly [Variant, Wire]> = [
  // The floor of a Node server, then Express without and with the work Mizan skips.
  ['node-bare', 'superjson'],
  ['express-lean', 'superjson'],
  ['express', 'superjson'],
  ['mizan-node', 'superjson'],
  ['mizan', 'superjson'],
  // The same Mizan router given a memory cache and an event bus, caching nothing: what that code costs on the path.
  ['mizan-cache-events', 'superjson'],
  ['trpc', 'superjson'],
  // oRPC's own serializer is rich like superjson (Dates, Maps, BigInt): there is no superjson to switch on.
  ['orpc', 'json'],
  // Plain-JSON rows of Mizan, tRPC and raw Express were measured in earlier runs; they are left out
  // so that a full run, with rounds of 10 s, fits in about 45 minutes (the servers still serve them, smoke-tested).
]

/**
 * Variants measured in one scenario only, beside `httpVariants`: Mizan with its CSRF check off
 * (every other Mizan variant has it on), in the one scenario the check runs in, so the report
 * shows what it costs a write; oRPC's batch buffered (its default streams), in the bundle scenario.
 */
export const scenarioOnlyVariants: Partial<Record<Scenario, ReadonlyArray<readonly [Variant, Wire]>>> = {
  mutation: [['mizan-csrf-off', 'superjson']],
  bundle: [['orpc-buffered', 'json']],
}

/** The variants measured in `scenario`, alternated together. */
export function variantsOf(scenario: Scenario): ReadonlyArray<readonly [Variant, Wire]> {
  return [...httpVariants, ...(scenarioOnlyVariants[scenario] ?? [])]
}

/**
 * A full run's settings: long enough rounds that a server's JIT and GC settle and a scheduler
 * hiccup is a small share of the round, and three rounds for a median.
 */
export const httpDefaults = { rounds: 3, seconds: 10, warmupSeconds: 3 } as const

/** Latency is measured at this share of the slowest variant's saturation: loaded, where differences show. */
export const latencyLoadShare = 0.8

export interface HttpBenchOptions {
  readonly rounds: number
  readonly seconds: number
  readonly warmupSeconds: number
  readonly log: (line: string) => void
}

export interface HttpRunOptions extends HttpBenchOptions {
  /** The scenarios to measure (default: all); fewer only to try the bench out, the report wants all. */
  readonly scenarios?: readonly Scenario[] | undefined
  /** The variants to measure, by key (`mizan-node/superjson`; default: all); fewer only to try the bench out. */
  readonly variants?: readonly string[] | undefined
}

/** The machine's load average (1, 5 and 15 minutes, `os.loadavg`) when a round ended. */
export interface RoundLoad {
  readonly phase: 'throughput' | 'latency'
  readonly round: number
  readonly loadavg: readonly [number, number, number]
}

export interface HttpResults {
  readonly options: Omit<HttpBenchOptions, 'log'>
  /** How the load generator and the servers were given CPUs. */
  readonly pinning: string
  /** req/s per round, by scenario then variant key (`mizan/superjson`). */
  readonly throughput: Record<string, Record<string, number[]>>
  /** The share of the slowest variant's median saturation the latency was measured at. */
  readonly latencyShare: number
  /** The fixed rate each scenario's latency was measured at, req/s. */
  readonly latencyRate: Record<string, number>
  /** p50 and p99 in ms per round, by scenario then variant key. */
  readonly latency: Record<string, Record<string, { p50: number[]; p99: number[] }>>
  readonly loadByRound: readonly RoundLoad[]
}

export const keyOf = (variant: Variant, wire: Wire) => `${variant}/${wire}`

/**
 * Fresh server process per measurement, warm-up discarded, variants alternated, medians kept;
 * the load generator (this process) and the servers on different CPUs where `taskset` exists.
 */
export async function runHttpBench(options: HttpRunOptions): Promise<HttpResults> {
  const { rounds, seconds, warmupSeconds, log } = options
  const scenarios = options.scenarios ?? allScenarios
  const chosen = (scenario: Scenario) => variantsOf(scenario).filter((entry) => !options.variants || options.variants.includes(keyOf(...entry)))
  const captured = new Map(scenarios.flatMap(chosen).map((entry) => [keyOf(...entry), entry] as const))
  const requests = await captureRequests([...captured.values()])
  const pinning = pinCpus(log)
  const loadByRound: RoundLoad[] = []
  const endRound = (phase: RoundLoad['phase'], round: number) => {
    const [one = 0, five = 0, fifteen = 0] = loadavg()
    loadByRound.push({ phase, round: round + 1, loadavg: [one, five, fifteen] })
    log(`${phase} round ${round + 1}/${rounds} done, load average ${one.toFixed(2)} ${five.toFixed(2)} ${fifteen.toFixed(2)}`)
  }

  const measure = (variant: Variant, wire: Wire, scenario: Scenario, rate?: number) =>
    measureOnce({ variant, wire, request: requests.get(keyOf(variant, wire))![scenario], seconds, warmupSeconds, rate, serverPrefix: pinning.serverPrefix })

  try {
    const throughput: HttpResults['throughput'] = {}
    for (let round = 0; round < rounds; round++) {
      for (const scenario of scenarios) {
        for (const [variant, wire] of rotated(chosen(scenario), round)) {
          const result = await measure(variant, wire, scenario)
          ;((throughput[scenario] ??= {})[keyOf(variant, wire)] ??= []).push(result.requestsPerSecond)
          log(`throughput round ${round + 1}/${rounds} ${scenario} ${keyOf(variant, wire)}: ${result.requestsPerSecond.toFixed(0)} req/s`)
        }
      }
      endRound('throughput', round)
    }

    // Latency at a rate every variant sustains, yet near the slowest one's saturation.
    const latencyRate: Record<string, number> = {}
    const latency: HttpResults['latency'] = {}
    for (const scenario of scenarios) {
      latencyRate[scenario] = Math.max(50, Math.floor(Math.min(...Object.values(throughput[scenario]!).map(median)) * latencyLoadShare))
    }
    for (let round = 0; round < rounds; round++) {
      for (const scenario of scenarios) {
        for (const [variant, wire] of rotated(chosen(scenario), round)) {
          const result = await measure(variant, wire, scenario, latencyRate[scenario])
          const entry = ((latency[scenario] ??= {})[keyOf(variant, wire)] ??= { p50: [], p99: [] })
          entry.p50.push(percentile(result.latenciesMs, 50))
          entry.p99.push(percentile(result.latenciesMs, 99))
          log(`latency round ${round + 1}/${rounds} ${scenario} ${keyOf(variant, wire)} at ${latencyRate[scenario]} req/s: p50 ${entry.p50.at(-1)!.toFixed(3)} ms, p99 ${entry.p99.at(-1)!.toFixed(3)} ms`)
        }
      }
      endRound('latency', round)
    }
    return { options: { rounds, seconds, warmupSeconds }, pinning: pinning.description, throughput, latencyShare: latencyLoadShare, latencyRate, latency, loadByRound }
  } finally {
    pinning.release()
  }
}
