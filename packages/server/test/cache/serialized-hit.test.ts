import superjson from 'superjson'
import { describe, expect, it, vi } from 'vitest'
import * as z from 'zod'
import { initMizan, memoryCache } from '../../src/index.ts'
import { jsonTransformer } from '../../src/protocol/index.ts'
import type { Transformer } from '../../src/protocol/index.ts'
import { openPerTest, transports } from '../http/transports.ts'
import { getBundle, item } from '../http/wire-helpers.ts'

const open = openPerTest()

// Counts the decodes of cached text: a hit answered over HTTP by a context without middleware
// writes the stored text out as it is.
function counted(transformer: Transformer) {
  const deserialize = vi.fn((value: unknown) => transformer.deserialize(value))
  return { transformer: { serialize: (value: unknown) => transformer.serialize(value), deserialize }, deserialize }
}

function cachedRouter(transformer: Transformer) {
  const m = initMizan.create({ transformer, cache: memoryCache() })
  const seen: unknown[] = []
  const project = m.context
    .input(z.object({ name: z.string().trim() }))
    .scope('public')
    .cache()
    .query(({ input }) => ({ name: input.name, at: new Date(Date.UTC(2026, 0, 1)), tags: new Set(['a']) }))
  const nothing = m.context.scope('public').cache().query(() => undefined)
  // Middleware may look at the result: it gets decoded values, hit or miss.
  const watched = m.context
    .scope('public')
    .use(async ({ next }) => {
      const result = await next()
      seen.push(result)
      return result
    })
    .cache()
    .query(() => ({ at: new Date(Date.UTC(2026, 0, 2)) }))
  return { router: m.router({ project, nothing, watched }), seen }
}

describe.each(transports)('a cached read over %s', (_name, transport) => {
  it('answers a hit with the stored text, decoding nothing, and the same answer as the miss (superjson)', async () => {
    const { transformer, deserialize } = counted(superjson)
    const t = await open(transport, { router: cachedRouter(transformer).router })
    const items = [item('project', { name: ' Apollo ' }), item('nothing')]
    const miss = await (await getBundle(t, items)).text()
    const decodesAfterMiss = deserialize.mock.calls.length
    const hit = await (await getBundle(t, items)).text()
    expect(hit).toBe(miss)
    // Only the bundle's inputs were decoded, not the cached results.
    expect(deserialize.mock.calls.length - decodesAfterMiss).toBe(1)
    const [project, nothing] = JSON.parse(hit) as Array<{ data: unknown; params?: unknown }>
    expect(superjson.deserialize(project!.data as never)).toEqual({ name: 'Apollo', at: new Date(Date.UTC(2026, 0, 1)), tags: new Set(['a']) })
    expect(project!.params).toEqual(superjson.serialize({ name: 'Apollo' }))
    expect(superjson.deserialize(nothing!.data as never)).toBeUndefined()
  })

  it('answers undefined under plain JSON as an item without data, hit or miss', async () => {
    const t = await open(transport, { router: cachedRouter(jsonTransformer).router })
    const send = () => t.send(`/q?items=${encodeURIComponent(JSON.stringify([['nothing']]))}`).then((r) => r.text())
    expect(await send()).toBe('[{}]')
    expect(await send()).toBe('[{}]')
  })

  it('gives middleware decoded values on a hit', async () => {
    const { router, seen } = cachedRouter(superjson)
    const t = await open(transport, { router })
    await getBundle(t, [item('watched')])
    await getBundle(t, [item('watched')])
    expect(seen).toHaveLength(2)
    expect((seen[1] as { data: unknown }).data).toEqual({ at: new Date(Date.UTC(2026, 0, 2)) })
  })
})
