import { join } from 'node:path'
import { generateRouterProject } from './generate-router.ts'
import type { Framework } from './generate-router.ts'
import { measureTypeCheck } from './measure.ts'
import type { TypeCheckFigures } from './measure.ts'

export interface TypeCheckRow {
  readonly framework: Framework
  readonly procedures: number
  readonly checkTimeSeconds: number
  readonly instantiations: number
  readonly types: number
  readonly memoryMb: number
  readonly errors: readonly string[]
  readonly ts2589: boolean
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

/**
 * Generated routers (50 sub-routers, half reads with a 3-field zod input, half writes with a
 * 2-field input and, for Mizan, an invalidation target) plus a client calling 20 procedures;
 * `tsc --noEmit --extendedDiagnostics --singleThreaded`, frameworks alternated, median check time.
 */
export function runTypeCheckBench(options: { sizes: number[]; repeats: number; largest: number; log: (line: string) => void }): TypeCheckRow[] {
  const frameworks: Framework[] = ['none', 'mizan', 'trpc']
  const rows: TypeCheckRow[] = []
  const dirOf = (framework: Framework, procedures: number) => join(import.meta.dirname, '..', '.generated', `${framework}-${procedures}`)
  for (const procedures of options.sizes) {
    for (const framework of frameworks) generateRouterProject({ dir: dirOf(framework, procedures), procedures, subRouters: 50, framework })
    const runs = new Map<Framework, TypeCheckFigures[]>()
    for (let repeat = 0; repeat < options.repeats; repeat++) {
      for (const framework of repeat % 2 ? [...frameworks].reverse() : frameworks) {
        const figures = measureTypeCheck(dirOf(framework, procedures))
        runs.set(framework, [...(runs.get(framework) ?? []), figures])
      }
    }
    for (const framework of frameworks) {
      const figures = runs.get(framework)!
      const row = toRow(framework, procedures, figures)
      rows.push(row)
      options.log(`type-check ${framework} ${procedures}: ${row.checkTimeSeconds}s, ${row.instantiations} instantiations, ${row.errors.length} errors`)
    }
  }
  const dir = dirOf('mizan', options.largest)
  generateRouterProject({ dir, procedures: options.largest, subRouters: 50, framework: 'mizan' })
  const largest = toRow('mizan', options.largest, [measureTypeCheck(dir)])
  options.log(`type-check mizan ${options.largest}: ${largest.checkTimeSeconds}s, ${largest.instantiations} instantiations, ${largest.errors.length} errors`)
  rows.push(largest)
  return rows
}

function toRow(framework: Framework, procedures: number, figures: TypeCheckFigures[]): TypeCheckRow {
  const errors = figures[0]!.errors
  return {
    framework,
    procedures,
    checkTimeSeconds: median(figures.map((f) => f.checkTimeSeconds)),
    instantiations: figures[0]!.instantiations,
    types: figures[0]!.types,
    memoryMb: Math.round(median(figures.map((f) => f.memoryKb)) / 1024),
    errors,
    ts2589: errors.some((line) => line.includes('TS2589')),
  }
}
