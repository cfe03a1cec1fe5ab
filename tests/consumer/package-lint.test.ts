import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { publint } from 'publint'
import { formatMessage } from 'publint/utils'
import { describe, expect, inject, it } from 'vitest'
import { packageNames, repositoryRoot } from './pack-packages.ts'
import { runCommand } from './run-command.ts'

const tarballs = inject('tarballs')

describe.each(packageNames)('the packed @mizan/%s', (name) => {
  it('passes publint, warnings and suggestions included', async () => {
    const tarball = readFileSync(tarballs[name])
    const { messages, pkg } = await publint({ pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) }, level: 'suggestion', strict: true })
    expect(messages.map((message) => formatMessage(message, pkg) ?? message.code)).toEqual([])
  })

  // ESM only: Node 20.19+ loads it from require() too (the consumer test runs that), so only the
  // node10 and node16-CJS resolutions may report problems; every other one must report none.
  it('passes Are The Types Wrong under node16 (ESM) and bundler resolution, for every entry point', async () => {
    const attw = join(repositoryRoot, 'node_modules', '@arethetypeswrong', 'cli', 'dist', 'index.js')
    const result = await runCommand(process.execPath, [attw, tarballs[name], '--profile', 'esm-only', '--format', 'json'], { cwd: repositoryRoot })
    expect(result.code).toBe(0)
    const { analysis } = JSON.parse(result.stdout) as { analysis: { entrypoints: object; problems: { kind: string; entrypoint?: string; resolutionKind?: string }[] } }
    expect(Object.keys(analysis.entrypoints)).toEqual(exportedPaths(name))
    const counted = analysis.problems.filter((problem) => problem.resolutionKind !== 'node10' && problem.resolutionKind !== 'node16-cjs')
    expect(counted).toEqual([])
  })
})

function exportedPaths(name: string): string[] {
  const pkg = JSON.parse(readFileSync(join(repositoryRoot, 'packages', name, 'package.json'), 'utf8')) as { exports: object }
  return Object.keys(pkg.exports)
}
