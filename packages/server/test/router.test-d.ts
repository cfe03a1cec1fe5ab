// Type tests: checked by `tsc -b` inside `npm test`; a wrong assertion fails the build.
import { describe, expectTypeOf, it } from 'vitest'
import * as v from 'valibot'
import * as z from 'zod'
import { initMizan, MizanError } from '../src/index.ts'
import type { inferRouterInputs, inferRouterOutputs, InvalidatesOptions, InvalidationDirective, MutationResult } from '../src/index.ts'
import type { AppRouter, Project } from './fixtures/app-router.ts'
import { createAppRouter } from './fixtures/app-router.ts'

type User = { id: number; name: string }
const m = initMizan.context<{ user: User | null; requestId: string }>().create()

const cart = m.context.query(() => ['sku-1'])
const project = m.context
  .input(z.object({ id: z.string().transform(Number) }))
  .query(({ input }) => ({ id: input, name: 'Apollo' }))
const tasks = m.context.input(z.object({ projectId: z.number(), done: z.boolean() })).query(() => [] as string[])
const byName = m.context.input(z.string()).query(({ input }) => input.length)
const ping = m.mutation.run(() => 'pong' as const)

describe('inferred types', () => {
  it('gives resolvers the parsed input, and callers the schema input', async () => {
    m.context.input(z.object({ id: z.string().transform(Number) })).query(({ input }) => {
      expectTypeOf(input).toEqualTypeOf<{ id: number }>()
    })
    const caller = m.router({ project, cart }).createCaller({ user: null, requestId: 'r' })
    expectTypeOf(caller.project).parameter(0).toEqualTypeOf<{ id: string }>()
    expectTypeOf(caller.project({ id: '7' })).resolves.toEqualTypeOf<{ id: { id: number }; name: string }>()
    expectTypeOf(caller.cart).toEqualTypeOf<() => Promise<string[]>>()
  })

  it('types mutation results with their data and directives', () => {
    const caller = createAppRouter().createCaller({ user: null })
    expectTypeOf(caller.renameProject({ id: 7, name: 'A' })).resolves.toEqualTypeOf<MutationResult<Project>>()
    expectTypeOf<MutationResult<Project>['invalidate']>().toEqualTypeOf<readonly InvalidationDirective[]>()
    expectTypeOf(caller.shop.addItem).returns.resolves.toHaveProperty('data').toEqualTypeOf<{ count: number }>()
  })

  it('infers inputs and outputs of nested routers with inferRouterInputs / inferRouterOutputs', () => {
    type In = inferRouterInputs<AppRouter>
    type Out = inferRouterOutputs<AppRouter>
    expectTypeOf<In['project']>().toEqualTypeOf<{ id: number }>()
    expectTypeOf<In['shop']['addItem']>().toEqualTypeOf<{ sku: string }>()
    expectTypeOf<In['shop']['cart']>().toEqualTypeOf<void>()
    expectTypeOf<Out['project']>().toEqualTypeOf<Project>()
    expectTypeOf<Out['shop']['cart']>().toEqualTypeOf<string[]>()
    expectTypeOf<Out['closeTasks']>().toEqualTypeOf<{ projectId: number; closed: number }>()
    expectTypeOf<Out['tasks']>().toEqualTypeOf<string[]>()
  })

  it('works with any Standard Schema, valibot included', () => {
    const item = m.context.input(v.object({ sku: v.pipe(v.string(), v.minLength(2)) })).query(({ input }) => input.sku)
    const caller = m.router({ item }).createCaller({ user: null, requestId: 'r' })
    expectTypeOf(caller.item).parameter(0).toEqualTypeOf<{ sku: string }>()
  })

  it('makes optional input optional for callers', () => {
    const list = m.context.input(z.object({ page: z.number() }).optional()).query(() => 1)
    const caller = m.router({ list }).createCaller({ user: null, requestId: 'r' })
    expectTypeOf(caller.list).toEqualTypeOf<(input?: { page: number }) => Promise<number>>()
  })

  it('refuses wrong calls', () => {
    const caller = createAppRouter().createCaller({ user: null })
    // @ts-expect-error: id must be a number
    void caller.project({ id: '7' })
    // @ts-expect-error: input is required
    void caller.renameProject()
    // @ts-expect-error: the cart takes no input
    void caller.shop.cart({ id: 1 })
    // @ts-expect-error: no such procedure
    void caller.shop.checkout()
    // @ts-expect-error: the caller needs the app's request context
    createAppRouter().createCaller({})
  })
})

describe('middleware', () => {
  it('narrows the context after an auth middleware, in the types too', () => {
    const authed = m.middleware(({ ctx, next }) => {
      if (!ctx.user) throw new MizanError({ code: 'UNAUTHORIZED' })
      return next({ ctx: { user: ctx.user } })
    })
    m.context.query(({ ctx }) => {
      expectTypeOf(ctx.user).toEqualTypeOf<User | null>()
    })
    m.context.use(authed).query(({ ctx }) => {
      expectTypeOf(ctx.user).toEqualTypeOf<User>()
      expectTypeOf(ctx.requestId).toEqualTypeOf<string>()
    })
    m.mutation
      .use(authed)
      .use(({ ctx, next }) => next({ ctx: { tenant: `t-${ctx.user.id}` } }))
      .run(({ ctx }) => {
        expectTypeOf(ctx).toHaveProperty('user').toEqualTypeOf<User>()
        expectTypeOf(ctx).toHaveProperty('tenant').toEqualTypeOf<string>()
      })
  })

  it('gives middleware after input the parsed input', () => {
    m.mutation.input(z.object({ n: z.coerce.number() })).use(({ input, next }) => {
      expectTypeOf(input).toEqualTypeOf<{ n: number }>()
      return next()
    })
  })
})

describe('invalidation targets', () => {
  it('accepts the three kinds, typed by the schema input', () => {
    ping.invalidates([cart, project({ id: '7' }), tasks.where({ projectId: 1 }), byName('x')])
    ping.invalidates(() => [tasks({ projectId: 1, done: false })])
    m.mutation
      .input(z.object({ id: z.number() }))
      .run(({ input }) => ({ projectId: input.id, label: 'x' }))
      .invalidates(({ input, ctx }) => {
        expectTypeOf(input).toEqualTypeOf<{ id: number }>()
        expectTypeOf(ctx.requestId).toEqualTypeOf<string>()
        return [project({ id: String(input.id) })]
      })
      .invalidatesOnSuccess(({ input, result, ctx }) => {
        expectTypeOf(input).toEqualTypeOf<{ id: number }>()
        expectTypeOf(result).toEqualTypeOf<{ projectId: number; label: string }>()
        expectTypeOf(ctx.requestId).toEqualTypeOf<string>()
        return [tasks.where({ projectId: result.projectId })]
      })
  })

  // What applies after the resolver threw is visible in the types: `.invalidates` is computed from
  // what was known before the resolver ran, so it has no `result`; `.invalidatesOnSuccess` has it.
  it('gives `.invalidates` functions input and ctx but no result, and `.invalidatesOnSuccess` the result', () => {
    const save = m.mutation.input(z.object({ id: z.number() })).run(() => ({ projectId: 1 }))
    type Computed = Extract<Parameters<typeof save.invalidates>[0], (...args: never[]) => unknown>
    expectTypeOf<Parameters<Computed>[0]>().toEqualTypeOf<InvalidatesOptions<{ user: User | null; requestId: string }, { id: number }>>()
    expectTypeOf<Parameters<Computed>[0]>().not.toHaveProperty('result')
    type OnSuccess = Parameters<Parameters<typeof save.invalidatesOnSuccess>[0]>[0]
    expectTypeOf<OnSuccess['result']>().toEqualTypeOf<{ projectId: number }>()
    expectTypeOf<OnSuccess['input']>().toEqualTypeOf<{ id: number }>()
    // @ts-expect-error: `result` is not known when the resolver threw: use invalidatesOnSuccess
    save.invalidates(({ result }) => [project({ id: String(result.projectId) })])
    // @ts-expect-error: invalidatesOnSuccess takes a function of the call, not a list
    save.invalidatesOnSuccess([cart])
    // @ts-expect-error: the result's field is a number, the key's id a string
    save.invalidatesOnSuccess(({ result }) => [project({ id: result.projectId })])
    save.invalidatesOnSuccess(({ result }) => [project({ id: String(result.projectId) })])
  })

  // A target is the context itself, so a misspelt variable is TypeScript's own error. What Mizan's
  // types must refuse is naming a context any other way: every name below exists.
  it('refuses a context named by a string, spelt right or wrong', () => {
    type Spec = Parameters<typeof ping.invalidates>[0]
    expectTypeOf<[typeof cart]>().toExtend<Spec>()
    expectTypeOf<['cart']>().not.toExtend<Spec>()
    expectTypeOf<['carts']>().not.toExtend<Spec>()
    expectTypeOf<() => ['cart']>().not.toExtend<Spec>()
    const name: string = 'cart'
    ping.invalidates([cart])
    // @ts-expect-error: a context's name is not a target
    ping.invalidates([name])
    // @ts-expect-error: nor is a router holding it
    ping.invalidates([m.router({ cart })])
  })

  it('refuses wrong params', () => {
    // @ts-expect-error: the key's id is the schema input, a string
    ping.invalidates([project({ id: 7 })])
    // @ts-expect-error: unknown field
    ping.invalidates([project({ idd: '7' })])
    // @ts-expect-error: missing field
    ping.invalidates([tasks({ projectId: 1 })])
    // @ts-expect-error: wrong field type in a partial target
    ping.invalidates([tasks.where({ done: 'yes' })])
    // @ts-expect-error: `where` needs an object input
    ping.invalidates([byName.where({ length: 1 })])
  })

  it('refuses params for a context that takes none', () => {
    // @ts-expect-error: cart takes no params
    ping.invalidates([cart({})])
    // @ts-expect-error: cart takes no params, so it has no exact target at all
    ping.invalidates([cart()])
    // @ts-expect-error: cart takes no params, so it has no partial targets
    ping.invalidates([cart.where({})])
  })

  it('refuses what is not a context', () => {
    // @ts-expect-error: a mutation is not a context
    ping.invalidates([ping])
    // @ts-expect-error: a hand-made object is not a target
    ping.invalidates([{ kind: 'exact', context: project, params: { id: 7 } }])
    // @ts-expect-error: a string is not a target
    ping.invalidates(['project'])
    // @ts-expect-error: the computed form must return targets
    ping.invalidates(({ ctx }) => [ctx])
    // @ts-expect-error: the computed form must return targets, after a success too
    ping.invalidatesOnSuccess(({ result }) => [result])
  })
})
