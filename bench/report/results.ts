import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const resultsDir = join(import.meta.dirname, '..', 'results')

/** Writes one benchmark's raw figures as `bench/results/<name>.json`. */
export function writeResult(name: string, value: unknown): void {
  mkdirSync(resultsDir, { recursive: true })
  writeFileSync(join(resultsDir, `${name}.json`), `${JSON.stringify(value, null, 2)}\n`)
}

export function readResult<T>(name: string): T {
  return JSON.parse(readFileSync(join(resultsDir, `${name}.json`), 'utf8')) as T
}
