import superjson from 'superjson'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as z from 'zod'
import { initMizan } from '@mizan/server'
import type { Transformer } from '@mizan/server/protocol'
import { createClient, csrfSession } from '../src/index.ts'
import { recordFlushes, tick } from './fixtures/mock-wire.ts'
import { serveRouter } from './fixtures/serve-router.ts'

// Bug 5 of issue 10 against a real server: what the handler really sends for `undefined` data,
// with plain JSON (the `data` key vanishes) and with superjson (it does not), reaches callers as
// `undefined`. The exact wire shapes are pinned with msw in undefined-answers.test.ts.
describe.each([
  ['plain JSON', undefined],
  ['superjson', superjson],
])('a real server answering undefined, with %s', (_name, transformer) => {
  const m = initMizan.create(transformer ? { transformer } : {})
  const nothing = m.context.input(z.object({ id: z.number() })).query((): undefined => undefined)
  const something = m.context.query(() => 'here')
  const forget = m.mutation.input(z.object({ id: z.number() })).run((): void => {}).invalidates(({ input }) => [nothing({ id: input.id })])
  const router = m.router({ nothing, something, forget })
  let served: Awaited<ReturnType<typeof serveRouter>>
  beforeAll(async () => {
    served = await serveRouter(router)
  })
  afterAll(() => served.close())
  const realClient = () => createClient<typeof router>({ session: csrfSession(), url: served.url, ...(transformer ? { transformer: transformer as Transformer } : {}) })

  it('resolves a write that returns nothing with undefined, and applies its directives', async () => {
    const c = realClient()
    const flushes = recordFlushes(c.$scheduler)
    await expect(c.forget.mutate({ id: 3 })).resolves.toBeUndefined()
    await tick()
    expect(flushes).toEqual([[{ kind: 'exact', context: 'nothing', params: { id: 3 }, mutationId: expect.any(String), source: 'response' }]])
  })

  it('resolves a read that returns nothing with undefined, in a bundle with another read', async () => {
    const c = realClient()
    const [a, b] = await Promise.all([c.nothing.query({ id: 1 }), c.something.query()])
    expect(a).toBeUndefined()
    expect(b).toBe('here')
  })
})
