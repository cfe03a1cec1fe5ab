import { join } from 'node:path'
import { generateRouterProject } from './generate-router.ts'
import type { Framework, Shape } from './generate-router.ts'
import { measureTypeCheck } from './measure.ts'
import type { TypeCheckFigures } from './measure.ts'

export interface TypeCheckRow {
  /** Missing in results older than the idiomatic shape: `repository`. The `standard` shape is newer still. */
  readonly shape?: Shape
  readonly framework: Framework
  readonly procedures: number
  readonly checkTimeSeconds: number
  /** Single-threaded: exact, the same on every run. */
  readonly instantiations: number
  /**
   * With TypeScript's default checkers, each instantiating what its files need on its own: higher,
   * and sensitive to how files fall to checkers (adding a file to a package can move it).
   */
  readonly instantiationsDefaultCheckers?: number
  /**
   * Mizan only: what one mutation's `.invalidates(...)` costs, in instantiations (single-threaded):
   * the router with its targets minus the same router without, per mutation.
   */
  readonly invalidatesPerMutation?: number
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
 * Generated routers in every shape (see `Shape`: 50 sub-routers, half reads, half writes with, for
 * Mizan, an invalidation target) plus a client calling 20 procedures, or every one in the
 * `standard` shape, at the same sizes; `tsc --noEmit
 * --extendedDiagnostics --singleThreaded`, frameworks alternated, median check time. Once per
 * size and framework, the default checkers' count; for Mizan, the router without its targets too.
 */
export function runTypeCheckBench(options: { sizes: number[]; repeats: number; largest: number; log: (line: string) => void }): TypeCheckRow[] {
  const frameworks: Framework[] = ['none', 'mizan', 'trpc']
  const rows: TypeCheckRow[] = []
  const dirOf = (shape: Shape, name: string, procedures: number) => join(import.meta.dirname, '..', '.generated', `${shape}-${name}-${procedures}`)
  for (const shape of ['repository', 'idiomatic', 'standard'] as const) {
    for (const procedures of options.sizes) {
      for (const framework of frameworks) generateRouterProject({ dir: dirOf(shape, framework, procedures), procedures, subRouters: 50, framework, shape })
      const runs = new Map<Framework, TypeCheckFigures[]>()
      for (let repeat = 0; repeat < options.repeats; repeat++) {
        for (const framework of repeat % 2 ? [...frameworks].reverse() : frameworks) {
          const figures = measureTypeCheck(dirOf(shape, framework, procedures))
          runs.set(framework, [...(runs.get(framework) ?? []), figures])
        }
      }
      const withoutTargets = dirOf(shape, 'mizan-no-invalidates', procedures)
      generateRouterProject({ dir: withoutTargets, procedures, subRouters: 50, shape, invalidates: false })
      const mutations = Math.floor(procedures / 2)
      const invalidates = (runs.get('mizan')![0]!.instantiations - measureTypeCheck(withoutTargets).instantiations) / mutations
      for (const framework of frameworks) {
        const defaults = measureTypeCheck(dirOf(shape, framework, procedures), { singleThreaded: false }).instantiations
        const row = {
          ...toRow(shape, framework, procedures, runs.get(framework)!),
          instantiationsDefaultCheckers: defaults,
          ...(framework === 'mizan' ? { invalidatesPerMutation: Math.round(invalidates * 10) / 10 } : {}),
        }
        rows.push(row)
        options.log(
          `type-check ${shape} ${framework} ${procedures}: ${row.checkTimeSeconds}s, ${row.instantiations} instantiations ` +
            `(default checkers ${defaults})${framework === 'mizan' ? `, .invalidates ${row.invalidatesPerMutation} per mutation` : ''}, ${row.errors.length} errors`,
        )
      }
    }
  }
  const dir = dirOf('repository', 'mizan', options.largest)
  generateRouterProject({ dir, procedures: options.largest, subRouters: 50, framework: 'mizan' })
  const largest = toRow('repository', 'mizan', options.largest, [measureTypeCheck(dir)])
  options.log(`type-check repository mizan ${options.largest}: ${largest.checkTimeSeconds}s, ${largest.instantiations} instantiations, ${largest.errors.length} errors`)
  rows.push(largest)
  return rows
}

function toRow(shape: Shape, framework: Framework, procedures: number, figures: TypeCheckFigures[]): TypeCheckRow {
  const errors = figures[0]!.errors
  return {
    shape,
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
