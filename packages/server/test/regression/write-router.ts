import * as z from 'zod'
import { initMizan } from '../../src/index.ts'
import type { Transformer } from '../../src/index.ts'
import { cycle, nest } from '../fixtures/awkward-values.ts'

/**
 * Writes whose resolver always succeeds (each run is counted in `writes`) while their targets,
 * or their data, are awkward: too deep, cyclic, BigInt, Sets and Maps, or a throwing
 * `invalidates`. `transformer` undefined is plain JSON.
 */
export function createWriteRouter(transformer: Transformer | undefined) {
  const m = initMizan.context<{ user: string | null }>().create(transformer ? { transformer } : {})
  const writes: string[] = []
  const write = (name: string) => {
    writes.push(name)
    return { saved: name }
  }

  const project = m.context.input(z.object({ id: z.number() })).query(({ input }) => ({ id: input.id }))
  // Params of any shape: the targets below give it what a schema would never let through.
  const tree = m.context.input(z.unknown()).query(() => 'tree')
  const bigRead = m.context.query(() => 10n)
  const deepRead = m.context.query(() => nest(10_000))
  const fine = m.context.query(() => ({ fine: true }))

  const deepTarget = m.mutation
    .run(() => write('deepTarget'))
    .invalidatesOnSuccess(({ result }) => [tree({ deep: nest(10_000), saved: result.saved }), project({ id: 1 })])
  const cyclicTarget = m.mutation
    .run(() => write('cyclicTarget'))
    .invalidatesOnSuccess(({ result }) => [tree(cycle()), tree({ saved: result.saved })])
  const bigintTarget = m.mutation
    .run(() => write('bigintTarget'))
    .invalidatesOnSuccess(({ result }) => [tree({ n: 10n, saved: result.saved }), project({ id: 1 })])
  const throwingTargets = m.mutation
    .run(() => write('throwingTargets'))
    .invalidates([project])
    .invalidatesOnSuccess(({ result }): [] => {
      throw new Error(`No targets for ${result.saved}: lookup failed`)
    })
  const deepData = m.mutation.run(() => (write('deepData'), nest(10_000))).invalidates(() => [project({ id: 1 })])
  const bigData = m.mutation.run(() => (write('bigData'), { n: 10n })).invalidatesOnSuccess(({ result }) => [project({ id: Number(result.n) })])
  const setTargets = m.mutation
    .run(() => write('setTargets'))
    .invalidates(() => [tree(new Set(['a'])), tree(new Set(['b'])), tree(new Map([['k', 1]])), tree(new Map([['k', 2]]))])
    .invalidatesOnSuccess(({ result }) => [tree({ tags: new Set([result.saved]) }), tree({ tags: new Set(['other']) })])
  const nothing = m.mutation.run((): undefined => void write('nothing')).invalidates([project])
  const nothingRead = m.context.query((): undefined => undefined)

  const router = m.router({
    project,
    tree,
    bigRead,
    deepRead,
    fine,
    nothingRead,
    deepTarget,
    cyclicTarget,
    bigintTarget,
    throwingTargets,
    deepData,
    bigData,
    setTargets,
    nothing,
  })
  return { router, writes }
}
