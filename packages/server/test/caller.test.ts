import { describe, expect, it } from 'vitest'
import { MizanError } from '../src/index.ts'
import { createAppRouter } from './fixtures/app-router.ts'
import { rejectionOf } from './fixtures/rejection.ts'

const alice = { id: 1, name: 'Alice' }

describe('createCaller', () => {
  it('runs a context with params and returns its data', async () => {
    const caller = createAppRouter().createCaller({ user: null })
    await expect(caller.project({ id: 7 })).resolves.toEqual({ id: 7, name: 'Apollo', ownerId: 1 })
  })

  it('runs a mutation and returns its data with the directives it resolved', async () => {
    const caller = createAppRouter().createCaller({ user: null })
    const result = await caller.renameProject({ id: 7, name: 'Artemis' })
    expect(result).toEqual({
      data: { id: 7, name: 'Artemis', ownerId: 1 },
      invalidate: [{ kind: 'exact', context: 'project', params: { id: 7 } }],
    })
    await expect(caller.project({ id: 7 })).resolves.toMatchObject({ name: 'Artemis' })
  })

  it('reports every validation issue with its path and message', async () => {
    const caller = createAppRouter().createCaller({ user: null })
    const error = await rejectionOf(caller.renameProject({ id: 'seven' as never, name: '' }))
    expect(error).toBeInstanceOf(MizanError)
    const mizanError = error as MizanError
    expect(mizanError.code).toBe('BAD_REQUEST')
    expect(mizanError.status).toBe(400)
    expect(mizanError.issues).toEqual([
      { path: ['id'], message: expect.stringContaining('number') },
      { path: ['name'], message: 'Name cannot be empty' },
    ])
    expect(mizanError.message).toContain('name: Name cannot be empty')
    // Refused before the resolver ran: nothing was written, nothing is invalidated.
    expect(mizanError.invalidate).toEqual([])
  })

  it('gives nested array paths as numbers', async () => {
    const { initMizan } = await import('../src/index.ts')
    const z = await import('zod')
    const m = initMizan.create()
    const order = m.mutation
      .input(z.object({ lines: z.array(z.object({ qty: z.number().positive() })) }))
      .run(({ input }) => input.lines.length)
    const error = await rejectionOf(m.router({ order }).createCaller({}).order({ lines: [{ qty: 1 }, { qty: -2 }] }))
    expect(error.issues).toEqual([{ path: ['lines', 1, 'qty'], message: expect.any(String) }])
  })

  it('keeps the code of a MizanError thrown by a resolver', async () => {
    const caller = createAppRouter().createCaller({ user: null })
    await expect(caller.project({ id: 99 })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No project 99' })
  })

  it('wraps any other error as INTERNAL, keeping it as the cause', async () => {
    const { initMizan } = await import('../src/index.ts')
    const m = initMizan.create()
    const boom = new RangeError('disk full')
    const broken = m.context.query(() => {
      throw boom
    })
    const error = await rejectionOf(m.router({ broken }).createCaller({}).broken())
    expect(error).toBeInstanceOf(MizanError)
    expect(error.code).toBe('INTERNAL')
    expect(error.cause).toBe(boom)
  })

  it('answers NOT_FOUND for a path with no procedure', async () => {
    const caller = createAppRouter().createCaller({ user: alice }) as unknown as Record<string, () => Promise<unknown>>
    await expect(caller['nothingHere']!()).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('is never a thenable, so it can be returned from async functions', async () => {
    const caller = createAppRouter().createCaller({ user: alice })
    expect((caller as unknown as { then?: unknown }).then).toBeUndefined()
    const resolved = await Promise.resolve(caller)
    await expect(resolved.shop.cart()).resolves.toEqual([])
  })

  it('passes the dotted path, meta and signal to resolvers', async () => {
    const { initMizan } = await import('../src/index.ts')
    const m = initMizan.create()
    const seen: unknown[] = []
    const where = m.context.meta({ title: 'where' }).query(({ path, meta, signal }) => {
      seen.push({ path, meta, aborted: signal?.aborted })
      return path
    })
    const router = m.router({ deep: m.router({ deeper: m.router({ where }) }), where })
    const controller = new AbortController()
    const caller = router.createCaller({}, { signal: controller.signal })
    await expect(caller.deep.deeper.where()).resolves.toBe('deep.deeper.where')
    await expect(caller.where()).resolves.toBe('where')
    expect(seen).toEqual([
      { path: 'deep.deeper.where', meta: { title: 'where' }, aborted: false },
      { path: 'where', meta: { title: 'where' }, aborted: false },
    ])
  })
})

describe('router names', () => {
  it('refuses names that would break paths or the client', async () => {
    const { initMizan } = await import('../src/index.ts')
    const m = initMizan.create()
    const read = m.context.query(() => 1)
    for (const name of ['', 'a.b', 'then', '$scheduler']) {
      expect(() => m.router({ [name]: read }), name).toThrow(/cannot name a procedure or router/)
    }
  })
})
