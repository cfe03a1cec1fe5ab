import { describe, expect, it } from 'vitest'
import { getRouterIndex, memoryCache } from '../../src/index.ts'
import { purgeDirectives } from '../../src/cache/purge-directives.ts'
import { createPurgeRouter } from './purge-router.ts'

// Entries are keyed by the params as the context's schema parsed them; writes name them as a
// client sends them (the schema's input type). A purge must reach the parsed form.
describe('purges reach entries keyed by parsed params (memory)', () => {
  it('an exact target named untrimmed and without its default purges the entry of the parsed params', async () => {
    const { router } = createPurgeRouter(memoryCache())
    const ann = router.createCaller({ user: 'ann' })
    expect(await ann.search({ q: ' a ' })).toEqual({ q: 'a', page: 1, run: 1 })
    // One entry for every spelling of the same parsed params.
    expect((await ann.search({ q: 'a', page: '1' })).run).toBe(1)
    await ann.touchSearch({ q: ' a ' })
    expect((await ann.search({ q: 'a' })).run).toBe(2)
  })

  it('a partial target reaches every instance holding the named fields as parsed, whatever the fields the schema filled in', async () => {
    const { router } = createPurgeRouter(memoryCache())
    const ann = router.createCaller({ user: 'ann' })
    await ann.search({ q: 'a' })
    await ann.search({ q: 'a', page: '2' })
    await ann.search({ q: 'b' })
    // `{ q: ' a ' }` parses to `{ q: 'a', page: 1 }`: page is the schema's, not the writer's.
    await ann.touchSearchWhere({ q: ' a ' })
    expect((await ann.search({ q: 'a' })).run).toBe(4)
    expect((await ann.search({ q: 'a', page: 2 })).run).toBe(5)
    expect((await ann.search({ q: 'b' })).run).toBe(3)
  })

  it.each([
    ['a synchronous', false],
    ['an asynchronous', true],
  ])('%s Standard Schema parses the params of a purge before it settles', async (_, async) => {
    const { router, schema } = createPurgeRouter(memoryCache())
    schema.async = async
    const ann = router.createCaller({ user: 'ann' })
    await ann.typed({ q: ' x ' })
    await ann.typed({ q: 'y' })
    await ann.touchTyped({ q: ' x ' })
    expect((await ann.typed({ q: 'x' })).run).toBe(3)
    expect((await ann.typed({ q: 'y' })).run).toBe(2)
  })

  it('params the schema refuses keep their own key: the purge neither fails nor widens', async () => {
    const { router } = createPurgeRouter(memoryCache())
    const ann = router.createCaller({ user: 'ann' })
    await ann.typed({ q: 'x' })
    await purgeDirectives(getRouterIndex(router), [{ directive: { kind: 'exact', context: 'typed', params: { q: 5 } }, to: 'every' }], 'ann')
    await purgeDirectives(getRouterIndex(router), [{ directive: { kind: 'partial', context: 'typed', params: { q: 5 } }, to: 'every' }], 'ann')
    expect((await ann.typed({ q: 'x' })).run).toBe(1)
  })

  it.each([
    ['throws', false],
    ['rejects', true],
  ])('a schema that %s on the params of a purge widens it to the whole context, and the write still answers', async (_, async) => {
    const { router, schema } = createPurgeRouter(memoryCache())
    const ann = router.createCaller({ user: 'ann' })
    await ann.typed({ q: 'x' })
    await ann.typed({ q: 'y' })
    await ann.search({ q: 'a' })
    Object.assign(schema, { throws: true, async })
    expect((await ann.touchTyped({ q: 'x' })).invalidate).toEqual([{ kind: 'exact', context: 'typed', params: { q: 'x' } }])
    Object.assign(schema, { throws: false, async: false })
    expect((await ann.typed({ q: 'x' })).run).toBe(3)
    expect((await ann.typed({ q: 'y' })).run).toBe(4)
    expect((await ann.search({ q: 'a' })).run).toBe(1) // other contexts keep theirs
  })
})

describe('cache keys (memory)', () => {
  it('an exact target naming no params purges the entry of a read that sent none', async () => {
    const { router } = createPurgeRouter(memoryCache())
    const ann = router.createCaller({ user: 'ann' })
    await ann.maybe()
    await ann.maybe({ x: 1 })
    await ann.touchMaybe()
    expect((await ann.maybe()).run).toBe(3)
    expect((await ann.maybe({ x: 1 })).run).toBe(2)
  })

  it("a user key spelling another user's key followed by params never shares that user's entry", async () => {
    const { router } = createPurgeRouter(memoryCache())
    // Under superjson, `{ x: 1 }` is keyed `{"json":{"x":1}}`: the second user's scope ends where the first one's params do.
    const first = await router.createCaller({ user: 'a' }).maybe({ x: 1 })
    const second = await router.createCaller({ user: 'a{"json":{"x":1}}' }).maybe()
    expect(first.owner).toBe('a')
    expect(second).toEqual({ owner: 'a{"json":{"x":1}}', input: undefined, run: 2 })
  })
})
