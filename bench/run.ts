import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import { bundleEntries, measureBundle } from './bundle-size/measure-bundles.ts'
import type { BundleName } from './bundle-size/measure-bundles.ts'
import { runFirstAnswerBench } from './bundle-streaming/first-answer.ts'
import { runCacheBench } from './http/run-cache.ts'
import { httpDefaults, httpVariants, runHttpBench } from './http/run-http.ts'
import { runFlushBench } from './invalidation-flush/run-flush.ts'
import { barChartSvg } from './report/chart.ts'
import { floor, floorRatio, renderReport } from './report/render-report.ts'
import type { AllResults } from './report/render-report.ts'
import { resultsDir, writeResult } from './report/results.ts'
import { runTypeCheckBench } from './type-check/run-type-check.ts'

// `npm run bench`: every benchmark, peers side by side, then BENCHMARKS.md, its chart and the raw
// figures under bench/results/. BENCH_QUICK=1 runs fewer, shorter rounds (not for claims).
const quick = process.env['BENCH_QUICK'] === '1'
const started = Date.now()
const log = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`)

// Installed versions, read from the workspace's node_modules (some packages do not export package.json).
const versionOf = (name: string) => {
  for (const dir of [join(import.meta.dirname, 'node_modules'), join(import.meta.dirname, '..', 'node_modules')]) {
    if (existsSync(join(dir, name, 'package.json'))) {
      return (JSON.parse(readFileSync(join(dir, name, 'package.json'), 'utf8')) as { version: string }).version
    }
  }
  return 'unknown'
}
const versions = Object.fromEntries(
  ['@trpc/server', '@orpc/server', 'express', 'typescript', 'zod', 'superjson', '@tanstack/react-query', 'esbuild', 'autocannon', 'ioredis'].map((name) => [name, versionOf(name)]),
)
versions['@mizan/server'] = versionOf('@mizan/server')

log('type-check cost')
const types = runTypeCheckBench({ sizes: [1000, 3000], repeats: quick ? 1 : 3, largest: 5000, log })
writeResult('type-check', types)

log('bundle size')
const bundles = {} as Record<BundleName, Awaited<ReturnType<typeof measureBundle>>>
for (const name of Object.keys(bundleEntries) as BundleName[]) bundles[name] = await measureBundle(bundleEntries[name])
writeResult('bundle-size', bundles)

log('invalidation flush')
const flush = quick ? runFlushBench(11, 3) : runFlushBench()
writeResult('invalidation-flush', flush)

log('streamed bundles: time to the first answer')
const streaming = await runFirstAnswerBench(quick ? 5 : 25)
writeResult('bundle-streaming', streaming)

log('HTTP throughput and latency')
// Quick: one short round of each, to try the bench out.
const loadOptions = quick ? { rounds: 1, seconds: 2, warmupSeconds: 1 } : httpDefaults
const http = await runHttpBench({ ...loadOptions, log })
writeResult('http', http)

log('cached against uncached reads')
const cache = await runCacheBench({ ...loadOptions, log })
writeResult('http-cache', cache)

const results: AllResults = {
  info: {
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    machine: `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    versions,
    minutes: (Date.now() - started) / 60000,
    quick,
  },
  http,
  cache,
  types,
  bundles,
  flush,
  streaming,
}
writeResult('run', results.info)

// One bar per server on the rich wire format: Mizan's own setups (cache and events on) have their table in the report.
const names: Record<string, string> = {
  'express/superjson': 'Express (idiomatic)',
  'express-lean/superjson': 'Express (lean)',
  'mizan-node/superjson': 'Mizan on node:http',
  'mizan/superjson': 'Mizan on Express',
  'trpc/superjson': 'tRPC',
  'orpc/json': 'oRPC',
}
const bars = Object.keys(http.throughput).flatMap((scenario) =>
  httpVariants
    .map(([variant, wire]) => `${variant}/${wire}`)
    .filter((key) => names[key] !== undefined && http.throughput[scenario]![key])
    .map((key) => ({ group: scenario, series: names[key]!, value: floorRatio(http, scenario, key) })),
)
writeFileSync(
  join(resultsDir, 'throughput-ratios.svg'),
  barChartSvg({ title: 'Throughput relative to bare node:http (superjson), higher is better', bars, reference: 1, referenceLabel: `bare node:http (${floor}) = 1.0x`, unit: 'x' }),
)
writeFileSync(join(import.meta.dirname, '..', 'BENCHMARKS.md'), renderReport(results))
log(`done: BENCHMARKS.md and bench/results/ written in ${results.info.minutes.toFixed(1)} minutes`)
