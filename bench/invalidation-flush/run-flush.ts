import { makeCache, makeDirectives, median, timeMizanFlush, timeNaiveLoop } from './flush-bench.ts'

export interface FlushResults {
  readonly rounds: number
  readonly naiveRounds: number
  readonly directives: number
  readonly medianMs: Record<string, number>
  readonly ratios: { readonly mizan10000vs100: number; readonly naiveVsMizanAt10000: number; readonly naiveVsMizanAt100: number }
}

/**
 * 100 scoped directives against 100 and 10,000 cached queries, Mizan's flush alternated with the
 * naive invalidateQueries loop; medians of many rounds, the first ones discarded as warm-up.
 */
export function runFlushBench(rounds = 41, naiveRounds = 9): FlushResults {
  const directives = makeDirectives()
  const sizes = [100, 10_000] as const
  const caches = new Map(sizes.map((size) => [size, makeCache(size)]))
  const samples: Record<string, number[]> = {}
  const record = (name: string, ms: number) => (samples[name] ??= []).push(ms)
  for (let round = 0; round < rounds + 5; round++) {
    for (const size of sizes) {
      const cache = caches.get(size)!
      const mizan = timeMizanFlush(cache, directives)
      // The naive loop scans the whole cache per directive (a second or more at 10,000
      // queries): fewer rounds of it keep the run short; it is still alternated with Mizan's.
      const naive = round < naiveRounds + 2 ? timeNaiveLoop(cache, directives) : undefined
      if (round >= 5) record(`mizan-${size}`, mizan)
      if (round >= 2 && naive !== undefined) record(`naive-${size}`, naive)
    }
  }
  const medianOf = (name: string) => median(samples[name]!)
  return {
    rounds,
    naiveRounds,
    directives: directives.length,
    medianMs: Object.fromEntries(Object.keys(samples).map((name) => [name, Number(medianOf(name).toFixed(4))])),
    ratios: {
      mizan10000vs100: medianOf('mizan-10000') / medianOf('mizan-100'),
      naiveVsMizanAt10000: medianOf('naive-10000') / medianOf('mizan-10000'),
      naiveVsMizanAt100: medianOf('naive-100') / medianOf('mizan-100'),
    },
  }
}
