import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { readResult } from './results.ts'
import type { AllResults } from './render-report.ts'
import { renderReport } from './render-report.ts'

// `npm run report -w @mizan/bench`: BENCHMARKS.md again from the figures of the last run in
// bench/results/, after a change to the report's text (no figure is measured again).
const results: AllResults = {
  info: readResult('run'),
  http: readResult('http'),
  cache: readResult('http-cache'),
  types: readResult('type-check'),
  bundles: readResult('bundle-size'),
  flush: readResult('invalidation-flush'),
  streaming: readResult('bundle-streaming'),
}
writeFileSync(join(import.meta.dirname, '..', '..', 'BENCHMARKS.md'), renderReport(results))
