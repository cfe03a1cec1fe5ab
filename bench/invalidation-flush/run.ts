import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { makeCache, makeDirectives, median, timeMizanFlush, timeNaiveLoop } from './flush-bench.ts'

// `npm run bench:flush`: 100 scoped directives against 100 and 10,000 cached queries, Mizan's
// flush alternated with the naive invalidateQueries loop, medians of many rounds.
const rounds = Number(process.env.ROUNDS ?? 41)
// The naive loop scans the whole cache per directive (a second or more at 10,000 queries):
// fewer rounds of it keep the run short; it is still alternated with Mizan's flush.
const naiveRounds = Number(process.env.NAIVE_ROUNDS ?? 9)
const directives = makeDirectives()
const sizes = [100, 10_000] as const
const caches = Object.fromEntries(sizes.map((size) => [size, makeCache(size)]))
const samples: Record<string, number[]> = {}
const record = (name: string, ms: number) => (samples[name] ??= []).push(ms)

for (let round = 0; round < rounds + 5; round++) {
  for (const size of sizes) {
    const mizan = timeMizanFlush(caches[size]!, directives)
    const naive = round < naiveRounds + 2 ? timeNaiveLoop(caches[size]!, directives) : undefined
    // The first rounds warm the JIT and are discarded.
    if (round >= 5) record(`mizan-${size}`, mizan)
    if (round >= 2 && naive !== undefined) record(`naive-${size}`, naive)
  }
}

const result = {
  rounds,
  naiveRounds,
  directives: directives.length,
  medianMs: Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, Number(median(values).toFixed(4))])),
  ratios: {
    mizan10000vs100: median(samples['mizan-10000']!) / median(samples['mizan-100']!),
    naiveVsMizanAt10000: median(samples['naive-10000']!) / median(samples['mizan-10000']!),
    naiveVsMizanAt100: median(samples['naive-100']!) / median(samples['mizan-100']!),
  },
}
console.log(`flush of ${directives.length} scoped directives (medians of ${rounds} rounds, ${naiveRounds} for the naive loop)`)
for (const size of sizes) {
  console.log(
    `  ${String(size).padStart(6)} cached: Mizan ${result.medianMs[`mizan-${size}`]} ms, naive invalidateQueries loop ${result.medianMs[`naive-${size}`]} ms`,
  )
}
console.log(`  Mizan, 10,000 vs 100 cached: ${result.ratios.mizan10000vs100.toFixed(2)}x (target <= 2x)`)
console.log(`  naive loop vs Mizan at 10,000 cached: ${result.ratios.naiveVsMizanAt10000.toFixed(0)}x slower`)
const out = join(import.meta.dirname, '..', 'results')
mkdirSync(out, { recursive: true })
writeFileSync(join(out, 'invalidation-flush.json'), `${JSON.stringify(result, null, 2)}\n`)
