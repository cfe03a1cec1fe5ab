import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import { createHttpHandler, initMizan, memoryCache } from '../src/index.ts'
import type { ResultCache } from '../src/index.ts'
import { getRouterIndex } from '../src/router-index.ts'
import { runMutation } from '../src/run-mutation.ts'
import type { MutationOutcome } from '../src/run-mutation.ts'

function shop(options: { cache?: ResultCache } = {}) {
  const m = initMizan.create(options)
  const project = m.context.scope('public').input(z.object({ id: z.number() })).cache().query(({ input }) => input)
  const written: number[] = []
  const rename = m.mutation
    .input(z.object({ id: z.number() }))
    .run(({ input }) => {
      written.push(input.id)
      return { id: input.id }
    })
    .invalidates(({ input }) => [project({ id: input.id })])
  // A resolver whose result is typed as a Promise but is a thenable of another class at run
  // time, as some query builders' lazy results are.
  const lazy = m.mutation.input(z.object({ id: z.number() })).run(({ input }) => lazyThenable({ lazy: input.id }))
  const failing = m.mutation
    .input(z.object({ id: z.number() }))
    .run(({ input }): number => {
      written.push(input.id)
      throw new Error('failed after writing')
    })
    .invalidates(({ input }) => [project({ id: input.id })])
  return { router: m.router({ project, rename, lazy, failing }), written }
}

function lazyThenable<T>(value: T): Promise<T> {
  const thenable: PromiseLike<T> = { then: (onfulfilled, onrejected) => Promise.resolve(value).then(onfulfilled, onrejected) }
  return thenable as Promise<T>
}

function run(router: ReturnType<typeof shop>['router'], path: string, rawInput: unknown) {
  const index = getRouterIndex(router)
  const def = index.procedures.get(path)!._def
  return runMutation(index, def, { ctx: {}, rawInput, path, signal: undefined }, 'mutation-id-0123456789', () => {})
}

// The outcome's directives come keyed (with their wire text): the directives alone.
function directivesOf(outcome: ReturnType<typeof run>) {
  return (outcome as MutationOutcome).invalidate.map(({ directive }) => directive)
}

describe('a write whose chain is synchronous', () => {
  it('is answered with no promise made when nothing is to be waited for, its directives included', () => {
    const { router, written } = shop()
    const outcome = run(router, 'rename', { id: 3 })
    expect(outcome).not.toBeInstanceOf(Promise)
    expect(outcome).toMatchObject({ ok: true, data: { id: 3 } })
    expect(directivesOf(outcome)).toEqual([{ kind: 'exact', context: 'project', params: { id: 3 } }])
    expect(written).toEqual([3])
  })

  it('still invalidates when its resolver throws synchronously after writing, and refuses bad input with nothing invalidated', () => {
    const { router } = shop()
    const failed = run(router, 'failing', { id: 4 }) as MutationOutcome
    expect(failed.ok).toBe(false)
    expect(directivesOf(failed)).toEqual([{ kind: 'exact', context: 'project', params: { id: 4 } }])
    const refused = run(router, 'rename', { id: 'four' }) as MutationOutcome
    expect(refused).toMatchObject({ ok: false, invalidate: [] })
  })

  it('waits for the cache purge when there is a cache, so the answer comes after it', async () => {
    const { router } = shop({ cache: memoryCache() })
    const outcome = run(router, 'rename', { id: 5 })
    expect(outcome).toBeInstanceOf(Promise)
    const settled = await outcome
    expect(settled.ok).toBe(true)
    expect(directivesOf(settled)).toMatchObject([{ kind: 'exact', context: 'project' }])
  })

  it('takes the value of a resolver that returns a thenable, not the thenable, in process and over the HTTP core', async () => {
    const { router } = shop()
    expect(await run(router, 'lazy', { id: 6 })).toMatchObject({ ok: true, data: { lazy: 6 } })
    expect(await router.createCaller({}).lazy({ id: 6 })).toMatchObject({ data: { lazy: 6 } })
    const handle = createHttpHandler({ router, csrf: false })
    const response = await handle(
      {
        method: 'POST',
        path: '/m/lazy',
        query: '',
        headers: { 'content-type': 'application/json' },
        readBody: async () => JSON.stringify({ id: 6 }),
        signal: undefined,
      },
      () => ({}),
    )
    expect(JSON.parse(response.body as string)).toMatchObject({ data: { lazy: 6 } })
  })
})
