import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import { initMizan, MizanError } from '../src/index.ts'
import { createAppRouter } from './fixtures/app-router.ts'

describe('middleware', () => {
  it('refuses a call before the resolver runs', async () => {
    const caller = createAppRouter().createCaller({ user: null })
    await expect(caller.shop.cart()).rejects.toMatchObject({ code: 'UNAUTHORIZED', status: 401, message: 'Sign in first' })
  })

  it('narrows the context for what follows', async () => {
    const caller = createAppRouter().createCaller({ user: { id: 1, name: 'Alice' } })
    await expect(caller.shop.addItem({ sku: 'A-1' })).resolves.toMatchObject({ data: { count: 1 } })
    await expect(caller.shop.cart()).resolves.toEqual(['A-1'])
  })

  it('runs in declared order, around input validation, and can read the result of next()', async () => {
    const m = initMizan.context<{ log: string[] }>().create()
    const trace = m.middleware(async ({ ctx, input, next, path, type }) => {
      ctx.log.push(`before ${type} ${path} input=${JSON.stringify(input)}`)
      const result = await next()
      ctx.log.push(`after data=${JSON.stringify(result.data)}`)
      return result
    })
    const double = m.mutation
      .use(trace)
      .input(z.object({ n: z.coerce.number() }))
      .use(({ input, next, ctx }) => {
        ctx.log.push(`parsed n=${input.n}`)
        return next({ ctx: { factor: 2 } })
      })
      .run(({ input, ctx }) => input.n * ctx.factor)
    const log: string[] = []
    const { data } = await m.router({ double }).createCaller({ log }).double({ n: '21' as never })
    expect(data).toBe(42)
    expect(log).toEqual(['before mutation double input=undefined', 'parsed n=21', 'after data=42'])
  })

  it('is reusable: one middleware on many procedures, each with its own chain', async () => {
    const m = initMizan.context<{ role: 'admin' | 'guest' }>().create()
    const adminOnly = m.middleware(({ ctx, next }) => {
      if (ctx.role !== 'admin') throw new MizanError({ code: 'FORBIDDEN' })
      return next({ ctx: { role: 'admin' as const } })
    })
    const stats = m.context.use(adminOnly).query(({ ctx }) => `stats for ${ctx.role}`)
    const purge = m.mutation.use(adminOnly).run(() => 'purged')
    const open = m.context.query(() => 'open')
    const router = m.router({ stats, purge, open })
    const guest = router.createCaller({ role: 'guest' })
    await expect(guest.stats()).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'Forbidden' })
    await expect(guest.purge()).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(guest.open()).resolves.toBe('open')
    await expect(router.createCaller({ role: 'admin' }).stats()).resolves.toBe('stats for admin')
  })

  it('fails clearly when a middleware forgets to return next()', async () => {
    const m = initMizan.create()
    const forgetful = m.context.use((async ({ next }: { next: () => Promise<unknown> }) => {
      await next()
    }) as never).query(() => 1)
    await expect(m.router({ forgetful }).createCaller({}).forgetful()).rejects.toMatchObject({
      code: 'INTERNAL',
      message: 'A middleware of "forgetful" did not return the result of next()',
    })
  })
})
