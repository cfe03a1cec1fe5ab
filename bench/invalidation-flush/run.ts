import { writeResult } from '../report/results.ts'
import { runFlushBench } from './run-flush.ts'

// `npm run bench:flush`: the invalidation flush benchmark alone.
const result = runFlushBench(Number(process.env['ROUNDS'] ?? 41), Number(process.env['NAIVE_ROUNDS'] ?? 9), Number(process.env['COLD_ROUNDS'] ?? 9))
console.log(`flush of ${result.directives} scoped directives (medians of ${result.rounds} rounds, ${result.naiveRounds} for the naive loop)`)
for (const size of [100, 10_000]) {
  console.log(`  ${String(size).padStart(6)} cached: Mizan ${result.medianMs[`mizan-${size}`]} ms, naive invalidateQueries loop ${result.medianMs[`naive-${size}`]} ms`)
}
console.log(`  Mizan, 10,000 vs 100 cached: ${result.ratios.mizan10000vs100.toFixed(2)}x (target <= 2x)`)
console.log(`  naive loop vs Mizan at 10,000 cached: ${result.ratios.naiveVsMizanAt10000.toFixed(0)}x slower`)
console.log(`100 partial directives, each matching one query, over queries all of the targeted context`)
for (const size of [100, 10_000]) {
  console.log(`  ${String(size).padStart(6)} in the context: Mizan ${result.medianMs[`mizan-partial-${size}`]} ms (first flush, building the field's index: ${result.firstPartialMs[`partial-${size}`]} ms)`)
}
console.log(`  Mizan, 10,000 vs 100 in the targeted context: ${result.ratios.partial10000vs100.toFixed(2)}x (target <= 2x)`)
const ms = (name: string) => result.medianMs[name]
console.log(`100 mixed directives, worst case: the cache's queries all of the targeted context`)
for (const size of [100, 10_000]) {
  console.log(`  ${String(size).padStart(6)} in the context: Mizan warm ${ms(`mizan-context-${size}`)} ms, cold (fresh QueryClient + index per flush) ${ms(`cold-${size}`)} ms (index build at mount ${ms(`cold-index-${size}`)} ms), one invalidateQueries pass with a predicate ${ms(`naive-pass-context-${size}`)} ms`)
}
console.log(`  one-pass predicate on the mixed cache: 100 cached ${ms('naive-pass-100')} ms, 10,000 cached ${ms('naive-pass-10000')} ms; Mizan cold there: ${ms('cold-mixed-100')} ms, ${ms('cold-mixed-10000')} ms`)
console.log(`  100 partial directives cold: ${ms('cold-partial-100')} ms at 100, ${ms('cold-partial-10000')} ms at 10,000 in the context`)
console.log(`  cold, 10,000 vs 100 in the context: ${result.ratios.cold10000vs100.toFixed(2)}x; one-pass predicate vs Mizan at 10,000 in the context: ${result.ratios.naivePassVsMizanAtContext10000.toFixed(1)}x warm, ${result.ratios.naivePassVsColdAtContext10000.toFixed(2)}x cold`)
writeResult('invalidation-flush', result)
