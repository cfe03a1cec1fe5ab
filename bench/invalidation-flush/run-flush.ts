import { indexOf, makeCache, makeContextCache, makeDirectives, makePartialDirectives, median, timeMizanFlush, timeNaiveLoop } from './flush-bench.ts'

export interface FlushResults {
  readonly rounds: number
  readonly naiveRounds: number
  readonly directives: number
  readonly medianMs: Record<string, number>
  /**
   * The first partial flush over each cache of the targeted-context case, which builds the
   * index's map of the field it names (once per field for the lifetime of the index).
   */
  readonly firstPartialMs: Record<string, number>
  readonly ratios: {
    readonly mizan10000vs100: number
    readonly naiveVsMizanAt10000: number
    readonly naiveVsMizanAt100: number
    /** 100 partial directives each matching one query: 10,000 vs 100 queries in the targeted context. */
    readonly partial10000vs100: number
  }
}

/**
 * 100 scoped directives against 100 and 10,000 cached queries, Mizan's flush alternated with the
 * naive invalidateQueries loop; then 100 partial directives, each matching one query, against
 * 100 and 10,000 queries all of the targeted context. Medians of many rounds, the first ones
 * discarded as warm-up. Each cache keeps one index for the whole run, as a provider does.
 */
export function runFlushBench(rounds = 41, naiveRounds = 9): FlushResults {
  const directives = makeDirectives()
  const partials = makePartialDirectives()
  const sizes = [100, 10_000] as const
  const caches = new Map(sizes.map((size) => [size, makeCache(size)]))
  const indexes = new Map(sizes.map((size) => [size, indexOf(caches.get(size)!)]))
  const contextCaches = new Map(sizes.map((size) => [size, makeContextCache(size)]))
  const contextIndexes = new Map(sizes.map((size) => [size, indexOf(contextCaches.get(size)!)]))
  const samples: Record<string, number[]> = {}
  const firstPartialMs: Record<string, number> = {}
  const record = (name: string, ms: number) => (samples[name] ??= []).push(ms)
  for (let round = 0; round < rounds + 5; round++) {
    for (const size of sizes) {
      const cache = caches.get(size)!
      const mizan = timeMizanFlush(cache, indexes.get(size)!, directives)
      // The naive loop scans the whole cache per directive (a second or more at 10,000
      // queries): fewer rounds of it keep the run short; it is still alternated with Mizan's.
      const naive = round < naiveRounds + 2 ? timeNaiveLoop(cache, directives) : undefined
      if (round >= 5) record(`mizan-${size}`, mizan)
      if (round >= 2 && naive !== undefined) record(`naive-${size}`, naive)
      const partial = timeMizanFlush(contextCaches.get(size)!, contextIndexes.get(size)!, partials)
      if (round === 0) firstPartialMs[`partial-${size}`] = Number(partial.toFixed(4))
      if (round >= 5) record(`mizan-partial-${size}`, partial)
    }
  }
  for (const index of [...indexes.values(), ...contextIndexes.values()]) index.close()
  const medianOf = (name: string) => median(samples[name]!)
  return {
    rounds,
    naiveRounds,
    directives: directives.length,
    medianMs: Object.fromEntries(Object.keys(samples).map((name) => [name, Number(medianOf(name).toFixed(4))])),
    firstPartialMs,
    ratios: {
      mizan10000vs100: medianOf('mizan-10000') / medianOf('mizan-100'),
      naiveVsMizanAt10000: medianOf('naive-10000') / medianOf('mizan-10000'),
      naiveVsMizanAt100: medianOf('naive-100') / medianOf('mizan-100'),
      partial10000vs100: medianOf('mizan-partial-10000') / medianOf('mizan-partial-100'),
    },
  }
}
