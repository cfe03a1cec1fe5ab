import { indexOf, makeCache, makeContextCache, makeDirectives, makePartialDirectives, median, timeColdFlush, timeMizanFlush, timeNaiveLoop, timeNaivePass } from './flush-bench.ts'

export interface FlushResults {
  readonly rounds: number
  readonly naiveRounds: number
  /** Rounds of the cold-memo flushes (a fresh QueryClient and index for each measured flush). */
  readonly coldRounds: number
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
    /** Cold memo (fresh QueryClient and index per flush): 10,000 vs 100 queries, the 10,000 all in the targeted context. */
    readonly cold10000vs100: number
    /** The one-pass predicate baseline vs Mizan's warm flush, 10,000 queries all in the targeted context. */
    readonly naivePassVsMizanAtContext10000: number
    /** The one-pass predicate baseline vs Mizan's cold flush, 10,000 queries all in the targeted context. */
    readonly naivePassVsColdAtContext10000: number
    readonly naivePassVsMizanAt100: number
  }
}

/**
 * 100 scoped directives against 100 and 10,000 cached queries, Mizan's flush alternated with the
 * naive invalidateQueries loop; then 100 partial directives, each matching one query, against
 * 100 and 10,000 queries all of the targeted context. Medians of many rounds, the first ones
 * discarded as warm-up. Each cache keeps one index for the whole run, as a provider does.
 *
 * Then the worst cases: the same 100 mixed directives against 10,000 queries ALL of the targeted
 * context, Mizan's flush with its memo warm (`mizan-context-*`) and cold (`cold-*`: a fresh
 * QueryClient and index per measured flush, so no field map and no per-query field keys exist
 * yet; the index build at mount is recorded apart as `cold-index-*`), and the fair naive baseline
 * (`naive-pass-*`: one `invalidateQueries` pass whose predicate checks every directive) at 100
 * and 10,000 cached queries, the mixed cache (`naive-pass-10000`) and the targeted-context one
 * (`naive-pass-context-10000`). The 100 partial directives also run cold (`cold-partial-*`).
 */
export function runFlushBench(rounds = 41, naiveRounds = 9, coldRounds = 9): FlushResults {
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
  for (let round = 0; round < rounds + 5; round++) {
    for (const size of sizes) {
      const cache = contextCaches.get(size)!
      if (round >= 5) record(`mizan-context-${size}`, timeMizanFlush(cache, contextIndexes.get(size)!, directives))
      else timeMizanFlush(cache, contextIndexes.get(size)!, directives)
      const pass = timeNaivePass(cache, directives)
      if (round >= 5) record(`naive-pass-context-${size}`, pass)
      const mixedPass = timeNaivePass(caches.get(size)!, directives)
      if (round >= 5) record(`naive-pass-${size}`, mixedPass)
    }
  }
  // Cold: every measured flush on a new cache and index (one warm-up round discarded).
  for (let round = 0; round < coldRounds + 1; round++) {
    for (const size of sizes) {
      const cold = timeColdFlush(() => makeContextCache(size), directives)
      const coldPartial = timeColdFlush(() => makeContextCache(size), partials)
      const coldMixed = timeColdFlush(() => makeCache(size), directives)
      if (round === 0) continue
      record(`cold-${size}`, cold.flush)
      record(`cold-index-${size}`, cold.index)
      record(`cold-partial-${size}`, coldPartial.flush)
      record(`cold-mixed-${size}`, coldMixed.flush)
    }
  }
  for (const index of [...indexes.values(), ...contextIndexes.values()]) index.close()
  const medianOf = (name: string) => median(samples[name]!)
  return {
    rounds,
    naiveRounds,
    coldRounds,
    directives: directives.length,
    medianMs: Object.fromEntries(Object.keys(samples).map((name) => [name, Number(medianOf(name).toFixed(4))])),
    firstPartialMs,
    ratios: {
      mizan10000vs100: medianOf('mizan-10000') / medianOf('mizan-100'),
      naiveVsMizanAt10000: medianOf('naive-10000') / medianOf('mizan-10000'),
      naiveVsMizanAt100: medianOf('naive-100') / medianOf('mizan-100'),
      partial10000vs100: medianOf('mizan-partial-10000') / medianOf('mizan-partial-100'),
      cold10000vs100: medianOf('cold-10000') / medianOf('cold-100'),
      naivePassVsMizanAtContext10000: medianOf('naive-pass-context-10000') / medianOf('mizan-context-10000'),
      naivePassVsColdAtContext10000: medianOf('naive-pass-context-10000') / medianOf('cold-10000'),
      naivePassVsMizanAt100: medianOf('naive-pass-100') / medianOf('mizan-100'),
    },
  }
}
