import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { join } from 'node:path'

export interface TypeCheckFigures {
  readonly exitCode: number
  readonly errors: readonly string[]
  readonly checkTimeSeconds: number
  readonly totalTimeSeconds: number
  readonly instantiations: number
  readonly types: number
  readonly memoryKb: number
}

const require = createRequire(import.meta.url)
// The TypeScript 7 compiler of this repository (a native binary behind a small launcher).
const tscBin = join(require.resolve('typescript/package.json'), '..', 'bin', 'tsc')

/**
 * Type-checks a project with `--extendedDiagnostics` and reads its figures: single-threaded by
 * default; `singleThreaded: false` uses TypeScript's default checkers, whose instantiation count
 * is higher (each checker instantiates what it needs on its own).
 */
export function measureTypeCheck(projectDir: string, options: { readonly singleThreaded?: boolean } = {}): TypeCheckFigures {
  const threads = options.singleThreaded === false ? [] : ['--singleThreaded']
  const result = spawnSync(
    process.execPath,
    [tscBin, '-p', join(projectDir, 'tsconfig.json'), '--noEmit', '--extendedDiagnostics', ...threads, '--pretty', 'false'],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  )
  const output = `${result.stdout}${result.stderr}`
  const figure = (label: string): number => {
    const match = new RegExp(`^${label}:\\s+([\\d.]+)`, 'm').exec(output)
    return match ? Number(match[1]) : Number.NaN
  }
  return {
    exitCode: result.status ?? -1,
    errors: output.split('\n').filter((line) => /error TS\d+/.test(line)),
    checkTimeSeconds: figure('Check time'),
    totalTimeSeconds: figure('Total time'),
    instantiations: figure('Instantiations'),
    types: figure('Types'),
    memoryKb: figure('Memory used'),
  }
}
