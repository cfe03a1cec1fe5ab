import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import { initMizan, MizanError } from '../src/index.ts'
import { createAppRouter } from './fixtures/app-router.ts'
import { rejectionOf } from './fixtures/rejection.ts'

function shop() {
  const m = initMizan.create()
  const cart = m.context.query(() => [])
  const project = m.context.input(z.object({ id: z.number() })).query(({ input }) => input)
  const tasks = m.context
    .input(z.object({ projectId: z.number(), status: z.string().optional() }))
    .query(({ input }) => input)
  return { m, cart, project, tasks }
}

describe('invalidation targets', () => {
  it('resolves whole, exact and partial targets, static and computed, to paths and params', async () => {
    const { m, cart, project, tasks } = shop()
    const save = m.mutation
      .input(z.object({ id: z.number() }))
      .run(({ input }) => ({ projectId: input.id + 1 }))
      .invalidates([cart, project({ id: 1 })])
      .invalidates(() => [tasks.where({ status: 'open' })])
      .invalidates(({ input }) => [project({ id: input.id })])
      .invalidatesOnSuccess(({ result }) => [tasks.where({ projectId: result.projectId })])
    const router = m.router({ cart, project, tasks, save })
    const { invalidate } = await router.createCaller({}).save({ id: 7 })
    expect(invalidate).toEqual([
      { kind: 'whole', context: 'cart' },
      { kind: 'exact', context: 'project', params: { id: 1 } },
      { kind: 'partial', context: 'tasks', params: { status: 'open' } },
      { kind: 'exact', context: 'project', params: { id: 7 } },
      { kind: 'partial', context: 'tasks', params: { projectId: 8 } },
    ])
  })

  it('gives nested routers dotted paths, for procedures and targets alike', async () => {
    const caller = createAppRouter().createCaller({ user: { id: 1, name: 'Alice' } })
    const { invalidate } = await caller.shop.addItem({ sku: 'B-2' })
    expect(invalidate).toEqual([{ kind: 'whole', context: 'shop.cart' }])
    const closed = await caller.closeTasks({ projectId: 7 })
    expect(closed.invalidate).toEqual([{ kind: 'partial', context: 'tasks', params: { projectId: 7 } }])
  })

  it('invalidates every path of a context mounted twice', async () => {
    const { m, cart } = shop()
    const clear = m.mutation.run(() => true).invalidates([cart])
    const router = m.router({ cart, clear, legacy: m.router({ cart }) })
    const { invalidate } = await router.createCaller({}).clear()
    expect(invalidate).toEqual([
      { kind: 'whole', context: 'cart' },
      { kind: 'whole', context: 'legacy.cart' },
    ])
  })

  it('drops duplicates, and scoped targets a whole-context target covers, keeping distinct scoped ones', async () => {
    const { m, project, tasks } = shop()
    const many = m.mutation
      .run(() => null)
      .invalidates(() => [
        project({ id: 1 }),
        project({ id: 2 }),
        tasks.where({ projectId: 1, status: 'open' }),
        tasks.where({ status: 'open', projectId: 1 }),
        tasks({ projectId: 3 }),
        tasks,
      ])
    const { invalidate } = await m.router({ project, tasks, many }).createCaller({}).many()
    expect(invalidate).toEqual([
      { kind: 'exact', context: 'project', params: { id: 1 } },
      { kind: 'exact', context: 'project', params: { id: 2 } },
      { kind: 'whole', context: 'tasks' },
    ])
  })

  it('fails at startup naming the mutation and where the unmounted target was defined', () => {
    const { m, cart, project } = shop()
    const clear = m.mutation.run(() => true).invalidates([cart])
    const router = m.router({ project, shop: m.router({ clear }) })
    expect(() => router.createCaller({})).toThrow(
      /Mutation "shop\.clear" invalidates the context defined at .*invalidation\.test\.ts:\d+:\d+, which is not mounted/,
    )
  })

  it('checks thunks at startup too, so circular imports can defer their targets', () => {
    const { m, project } = shop()
    const orphan = m.context.query(() => 1)
    const touch = m.mutation.run(() => true).invalidates(() => [project, orphan])
    expect(() => m.router({ project, touch }).createCaller({})).toThrow(/Mutation "touch" invalidates the context defined at/)
  })

  it('reports a computed unmounted target to onError after the write, which still succeeds with `all`', async () => {
    const { m, project } = shop()
    const orphan = m.context.input(z.object({ id: z.number() })).query(() => 1)
    let writes = 0
    const touch = m.mutation
      .run(() => ++writes)
      .invalidates([project])
      .invalidatesOnSuccess(({ result }) => [orphan({ id: result })])
    const errors: unknown[] = []
    const caller = m.router({ project, touch }).createCaller({}, { onError: ({ error }) => errors.push(error) })
    // The write is committed: it is reported as such, and what it changed is unknown, so everything is.
    await expect(caller.touch()).resolves.toEqual({ data: 1, invalidate: [{ kind: 'all' }] })
    expect(writes).toBe(1)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toBeInstanceOf(MizanError)
    expect((errors[0] as MizanError).code).toBe('INTERNAL')
    expect((errors[0] as MizanError).message).toMatch(/Mutation "touch" invalidates the context defined at .* not mounted/)
  })

  it('still sends `invalidates` targets, listed or computed from input, when the resolver fails after writing', async () => {
    const { m, cart, project, tasks } = shop()
    const checkout = m.mutation
      .input(z.object({ id: z.number() }))
      .run((): number => {
        throw new MizanError({ code: 'CONFLICT', message: 'Stock changed' })
      })
      .invalidates([cart])
      .invalidates(({ input }) => [project({ id: input.id })])
      .invalidatesOnSuccess(({ result }) => [tasks({ projectId: result })])
    const error = await rejectionOf(m.router({ cart, project, tasks, checkout }).createCaller({}).checkout({ id: 1 }))
    expect(error.code).toBe('CONFLICT')
    expect(error.invalidate).toEqual([
      { kind: 'whole', context: 'cart' },
      { kind: 'exact', context: 'project', params: { id: 1 } },
    ])
  })

  it('gives an `invalidates` function input and ctx only, after a success too', async () => {
    const { m, cart } = shop()
    const seen: string[][] = []
    const clear = m.mutation
      .input(z.object({ id: z.number() }))
      .run(() => 'cleared')
      .invalidates((call) => (seen.push(Object.keys(call)), [cart]))
    await m.router({ cart, clear }).createCaller({ tenant: 't' }).clear({ id: 1 })
    expect(seen).toEqual([['input', 'ctx']])
  })

  it('leaves a thunk that throws at startup to its runs, where a throw after the write widens to `all`', async () => {
    const { m, cart } = shop()
    let ready = false
    const clear = m.mutation.run(() => true).invalidates(() => {
      if (!ready) throw new ReferenceError("Cannot access 'cart' before initialization")
      return [cart]
    })
    const errors: unknown[] = []
    const caller = m.router({ cart, clear }).createCaller({}, { onError: ({ error }) => errors.push(error) })
    await expect(caller.clear()).resolves.toEqual({ data: true, invalidate: [{ kind: 'all' }] })
    expect(errors).toEqual([new ReferenceError("Cannot access 'cart' before initialization")])
    ready = true
    await expect(caller.clear()).resolves.toEqual({ data: true, invalidate: [{ kind: 'whole', context: 'cart' }] })
  })

  it('takes a lone target from an `invalidates` function (from JavaScript) as a list of one, alone or beside others', async () => {
    const { m, cart, project } = shop()
    const lone = m.mutation.input(z.object({ id: z.number() })).run(() => true).invalidates((({ input }: { input: { id: number } }) => project({ id: input.id })) as never)
    const two = m.mutation.run(() => true).invalidates(((_call: unknown) => cart) as never).invalidates([project({ id: 2 })])
    const caller = m.router({ cart, project, lone, two }).createCaller({})
    await expect(caller.lone({ id: 1 })).resolves.toEqual({ data: true, invalidate: [{ kind: 'exact', context: 'project', params: { id: 1 } }] })
    await expect(caller.two()).resolves.toEqual({
      data: true,
      invalidate: [{ kind: 'whole', context: 'cart' }, { kind: 'exact', context: 'project', params: { id: 2 } }],
    })
  })

  it('sends nothing when middleware refuses the call', async () => {
    const caller = createAppRouter().createCaller({ user: null })
    const error = await rejectionOf(caller.shop.addItem({ sku: 'x' }))
    expect(error.code).toBe('UNAUTHORIZED')
    expect(error.invalidate).toEqual([])
  })

  it('refuses a list given to invalidatesOnSuccess (from JavaScript), which needs the result', () => {
    const { m, cart } = shop()
    expect(() => m.mutation.run(() => 1).invalidatesOnSuccess([cart] as never)).toThrow(
      'invalidatesOnSuccess() needs a function of { input, ctx, result } returning targets',
    )
  })

  it('refuses a value that is not a target', async () => {
    const { m, project } = shop()
    const bad = m.mutation.run(() => 1).invalidates([{ kind: 'exact' } as never])
    expect(() => m.router({ project, bad }).createCaller({})).toThrow(
      'Mutation "bad" invalidates [object Object], which is not a context or a target made from one',
    )
  })
})
