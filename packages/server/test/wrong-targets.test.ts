import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

// `@ts-expect-error` (router.test-d.ts) passes on any error: a wrong target could fail for a reason
// of its own (a typo in the test, a type gone `never`) and still look refused. Here each wrong
// target is one line of a file compiled on its own, and must fail with its own error code.
const preamble = [
  `import * as z from 'zod'`,
  `import { initMizan } from '../../../src/index.ts'`,
  `const m = initMizan.context<{ user: null }>().create()`,
  `const cart = m.context.query(() => ['sku-1'])`,
  `const project = m.context.input(z.object({ id: z.string().transform(Number) })).query(() => 1)`,
  `const tasks = m.context.input(z.object({ projectId: z.number(), done: z.boolean(), page: z.number().optional() })).query(() => 1)`,
  `const byName = m.context.input(z.string()).query(() => 1)`,
  `const ping = m.mutation.input(z.object({ id: z.number() })).run(() => 'pong' as const)`,
  `const name: string = 'cart'`,
  // Right targets of every kind: the file itself compiles.
  `ping.invalidates(({ input }) => [cart, project({ id: String(input.id) }), tasks({ projectId: input.id, done: true }), tasks.where({ page: 2 }), byName('x')])`,
]

// [what is wrong, the line, the one error code it must fail with]
const wrongTargets: ReadonlyArray<readonly [string, string, string]> = [
  ['a param of the wrong type (the schema input is a string)', `ping.invalidates([project({ id: 7 })])`, 'TS2322'],
  ['an unknown param', `ping.invalidates([project({ idd: '7' })])`, 'TS2353'],
  ['a missing param', `ping.invalidates([tasks({ projectId: 1 })])`, 'TS2345'],
  ['an optional param of the wrong type', `ping.invalidates([tasks({ projectId: 1, done: true, page: 'x' })])`, 'TS2322'],
  ['an unknown param beside optional ones', `ping.invalidates([tasks({ projectId: 1, done: true, extra: 1 })])`, 'TS2353'],
  ['a partial param of the wrong type', `ping.invalidates([tasks.where({ done: 'yes' })])`, 'TS2322'],
  ['an unknown partial param', `ping.invalidates([tasks.where({ nope: 1 })])`, 'TS2353'],
  ['a partial target of a context whose input is no object', `ping.invalidates([byName.where({ length: 1 })])`, 'TS2345'],
  ['a non-object param of the wrong type', `ping.invalidates([byName(1)])`, 'TS2345'],
  ['params for a context that takes none', `ping.invalidates([cart({})])`, 'TS2345'],
  ['an exact target of a context that takes no params', `ping.invalidates([cart()])`, 'TS2554'],
  ['a partial target of a context that takes no params', `ping.invalidates([cart.where({})])`, 'TS2349'],
  ['a mutation', `ping.invalidates([ping])`, 'TS2322'],
  ["a context's name", `ping.invalidates([name])`, 'TS2322'],
  ['a string literal', `ping.invalidates(['project'])`, 'TS2322'],
  ['a router', `ping.invalidates([m.router({ cart })])`, 'TS2322'],
  ['a hand-made target', `ping.invalidates([{ kind: 'exact', context: project, params: { id: 7 } }])`, 'TS2322'],
  ['a computed list of non-targets', `ping.invalidates(({ ctx }) => [ctx])`, 'TS2345'],
  ['a computed param of the wrong type', `ping.invalidates(({ input }) => [project({ id: input.id })])`, 'TS2322'],
  ['the result, before it is known', `ping.invalidates(({ result }) => [result])`, 'TS2339'],
  ['a computed non-target after a success', `ping.invalidatesOnSuccess(({ result }) => [result])`, 'TS2322'],
  ['a list where a function of the call is needed', `ping.invalidatesOnSuccess([cart])`, 'TS2345'],
]

const require = createRequire(import.meta.url)
const tscBin = join(require.resolve('typescript/package.json'), '..', 'bin', 'tsc')

describe('wrong invalidation targets', () => {
  it('each fail to compile, with their own error code and no other', () => {
    // Inside node_modules: resolved like the package's own files, ignored by git and by `tsc -b`.
    const dir = join(import.meta.dirname, '..', 'node_modules', '.cache', 'mizan-wrong-targets')
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'wrong-targets.ts'), [...preamble, ...wrongTargets.map(([, line]) => line), ''].join('\n'))
    const compilerOptions = { composite: false, declaration: false, emitDeclarationOnly: false, noEmit: true, incremental: false }
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: '../../../../../tsconfig.base.json', compilerOptions, include: ['*.ts'] }))
    const result = spawnSync(process.execPath, [tscBin, '-p', join(dir, 'tsconfig.json'), '--pretty', 'false'], { encoding: 'utf8' })
    // Only an error's first line names its file; the lines after explain it.
    const codesByLine = new Map<number, string[]>()
    for (const match of `${result.stdout}${result.stderr}`.matchAll(/wrong-targets\.ts\((\d+),\d+\): error (TS\d+)/g)) {
      const line = Number(match[1])
      codesByLine.set(line, [...(codesByLine.get(line) ?? []), match[2]!])
    }
    const found = wrongTargets.map(([what], i) => [what, codesByLine.get(preamble.length + i + 1) ?? []])
    expect(found).toEqual(wrongTargets.map(([what, , code]) => [what, [code]]))
    // The preamble, right targets included, compiles.
    expect([...codesByLine.keys()].filter((line) => line <= preamble.length)).toEqual([])
  }, 60_000)
})
