import * as z from 'zod'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { forUser, initMizan } from '../../src/index.ts'
import { openPerTest, transports } from './transports.ts'

// Mutations with every kind of target: a list, a thunk, functions of the input and of the
// result, an audience, and a context mounted twice.
function createMapRouter() {
  const m = initMizan.context<{ user: string | null }>().create({ userKey: (ctx) => ctx.user })
  const projects = m.context.scope('public').query(() => [1, 2])
  const project = m.context.scope('public').input(z.object({ id: z.number() })).query(({ input }) => input)
  const cart = m.context.query(() => [])
  const renameProject = m.mutation
    .input(z.object({ id: z.number() }))
    .run(({ input }) => input.id)
    .invalidates([projects])
    .invalidates(({ input }) => [project({ id: input.id })])
  const clearCart = m.mutation.run(() => true).invalidates(() => [cart, forUser('u2', [cart])])
  const archive = m.mutation.run(() => 3).invalidatesOnSuccess(({ result }) => [project({ id: result })])
  const ping = m.mutation.run(() => true)
  return m.router({ projects, project, cart, shop: m.router({ cart }), renameProject, clearCart, archive, ping })
}

const open = openPerTest()
afterEach(() => vi.unstubAllEnvs())

describe.each(transports)('GET /devtools/map through %s', (_name, transport) => {
  it('lists each mutation with the contexts its static targets name, and flags dynamic ones', async () => {
    const t = await open(transport, { router: createMapRouter(), handler: { devtools: true } })
    const response = await t.send('/devtools/map')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await response.json()).toEqual({
      mutations: [
        { path: 'renameProject', contexts: ['projects'], dynamic: true },
        // A thunk is static; a context mounted twice is both its paths; an audience names its contexts.
        { path: 'clearCart', contexts: ['cart', 'shop.cart'], dynamic: false },
        { path: 'archive', contexts: [], dynamic: true },
        { path: 'ping', contexts: [], dynamic: false },
      ],
    })
  })

  it('is on by default outside production, and refuses other methods', async () => {
    vi.stubEnv('NODE_ENV', 'development')
    const t = await open(transport, { router: createMapRouter() })
    expect((await t.send('/devtools/map')).status).toBe(200)
    const post = await t.send('/devtools/map', { method: 'POST' })
    expect(post.status).toBe(405)
    expect(post.headers.get('allow')).toBe('GET')
  })

  it('answers 404 in production unless switched on, and whenever switched off', async () => {
    vi.stubEnv('NODE_ENV', 'production')
    const production = await open(transport, { router: createMapRouter(), handler: { csrf: false } })
    const refused = await production.send('/devtools/map')
    expect(refused.status).toBe(404)
    expect(await refused.json()).toMatchObject({ error: { code: 'NOT_FOUND' } })
    const asked = await open(transport, { router: createMapRouter(), handler: { csrf: false, devtools: true } })
    expect((await asked.send('/devtools/map')).status).toBe(200)
    vi.stubEnv('NODE_ENV', 'development')
    const off = await open(transport, { router: createMapRouter(), handler: { devtools: false } })
    expect((await off.send('/devtools/map')).status).toBe(404)
  })
})
