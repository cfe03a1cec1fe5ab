import { writeResult } from '../report/results.ts'
import { runFlushBench } from './run-flush.ts'

// `npm run bench:flush`: the invalidation flush benchmark alone.
const result = runFlushBench(Number(process.env['ROUNDS'] ?? 41), Number(process.env['NAIVE_ROUNDS'] ?? 9))
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
writeResult('invalidation-flush', result)
