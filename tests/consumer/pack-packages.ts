import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { runOrThrow } from './run-command.ts'

export const repositoryRoot = join(import.meta.dirname, '..', '..')
export const packageNames = ['server', 'client', 'react'] as const
export type PackageName = (typeof packageNames)[number]

declare module 'vitest' {
  export interface ProvidedContext {
    /** Tarball path of each package, as `npm pack` made it from a fresh build. */
    tarballs: Record<PackageName, string>
  }
}

/**
 * Global setup: a clean build of the three packages (no leftovers of an earlier build can hide a
 * missing file), then `npm pack` of each, outside the repository.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  for (const name of packageNames) {
    rmSync(join(repositoryRoot, 'packages', name, 'dist'), { recursive: true, force: true })
    rmSync(join(repositoryRoot, 'packages', name, '.tsbuild', 'build.tsbuildinfo'), { force: true })
  }
  await runOrThrow(process.execPath, [join(repositoryRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'packages/react/tsconfig.build.json'], {
    cwd: repositoryRoot,
  })
  const out = mkdtempSync(join(tmpdir(), 'mizan-packs-'))
  const tarballs = {} as Record<PackageName, string>
  for (const name of packageNames) {
    const { stdout } = await runOrThrow('npm', ['pack', '--silent', '--pack-destination', out], { cwd: join(repositoryRoot, 'packages', name) })
    tarballs[name] = join(out, stdout.trim().split('\n').pop()!)
  }
  project.provide('tarballs', tarballs)
  return () => rmSync(out, { recursive: true, force: true })
}
