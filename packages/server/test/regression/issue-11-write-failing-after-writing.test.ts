import superjson from 'superjson'
import { afterEach, describe, expect, it } from 'vitest'
import * as z from 'zod'
import { initMizan, MizanError } from '../../src/index.ts'
import type { ErrorInfo, InvalidationDirective } from '../../src/index.ts'
import { rejectionOf } from '../fixtures/rejection.ts'
import type { Transport } from '../http/transports.ts'
import { expressTransport } from '../http/transports.ts'
import { mutate, readMutation } from '../http/wire-helpers.ts'
import { fromWire } from '../fixtures/from-wire.ts'

// Issue 11, item 2: a write whose resolver threw after changing the database invalidated nothing
// computed from its input, because whether a function target ran after a failure was decided by
// its declared parameter count. Now `.invalidates` (a list, or a function of `{ input, ctx }`)
// applies whenever the resolver ran; `.invalidatesOnSuccess` (which sees `result`) after a success only.

function createRenameRouter() {
  const m = initMizan.context<{ user: string | null }>().create({ transformer: superjson })
  const names = new Map([[7, 'Apollo']])
  const signedIn = m.middleware(({ ctx, next }) => {
    if (!ctx.user) throw new MizanError({ code: 'UNAUTHORIZED', message: 'Sign in first' })
    return next({ ctx: { user: ctx.user } })
  })

  const projects = m.context.query(() => [...names.values()])
  const project = m.context.input(z.object({ id: z.number() })).query(({ input }) => names.get(input.id) ?? null)
  const history = m.context.input(z.object({ projectId: z.number(), version: z.number() })).query(() => [] as string[])
  const audit = m.context.input(z.object({ by: z.string() })).query(() => [] as string[])

  const renameProject = m.mutation
    .use(signedIn)
    .input(z.object({ id: z.number(), name: z.string().min(1), failAfterWrite: z.boolean().optional() }))
    .run(({ input }) => {
      names.set(input.id, input.name)
      if (input.failAfterWrite) throw new MizanError({ code: 'CONFLICT', message: 'The audit log is unavailable' })
      return { id: input.id, version: 2 }
    })
    .invalidates(({ input }) => [projects, project({ id: input.id })])
    .invalidates(({ ctx }) => [audit({ by: ctx.user })])
    .invalidatesOnSuccess(({ result }) => [history({ projectId: result.id, version: result.version })])

  const lookupFails = m.mutation
    .input(z.object({ id: z.number() }))
    .run(({ input }): number => {
      names.set(input.id, 'changed')
      throw new MizanError({ code: 'CONFLICT', message: 'Changed, then failed' })
    })
    .invalidates((): [] => {
      throw new Error('The target lookup failed too')
    })

  const router = m.router({ projects, project, history, audit, renameProject, lookupFails })
  return { router, names }
}

const afterFailure: InvalidationDirective[] = [
  { kind: 'whole', context: 'projects' },
  { kind: 'exact', context: 'project', params: { id: 7 } },
  { kind: 'exact', context: 'audit', params: { by: 'ada' } },
]

describe('through the caller', () => {
  it('sends the targets computed from input and ctx with the error when the resolver throws after writing', async () => {
    const { router, names } = createRenameRouter()
    const error = await rejectionOf(router.createCaller({ user: 'ada' }).renameProject({ id: 7, name: 'Artemis', failAfterWrite: true }))
    expect(names.get(7)).toBe('Artemis')
    expect(error.code).toBe('CONFLICT')
    expect(error.invalidate).toEqual(afterFailure)
  })

  it('adds the targets computed from the result after a success', async () => {
    const { router } = createRenameRouter()
    const { invalidate } = await router.createCaller({ user: 'ada' }).renameProject({ id: 7, name: 'Artemis' })
    expect(invalidate).toEqual([...afterFailure, { kind: 'exact', context: 'history', params: { projectId: 7, version: 2 } }])
  })

  it('invalidates nothing when middleware or validation refused the call', async () => {
    const { router, names } = createRenameRouter()
    const refused = await rejectionOf(router.createCaller({ user: null }).renameProject({ id: 7, name: 'Artemis' }))
    expect(refused.code).toBe('UNAUTHORIZED')
    expect(refused.invalidate).toEqual([])
    const invalid = await rejectionOf(router.createCaller({ user: 'ada' }).renameProject({ id: 7, name: '' }))
    expect(invalid.code).toBe('BAD_REQUEST')
    expect(invalid.invalidate).toEqual([])
    expect(names.get(7)).toBe('Apollo')
  })

  it('widens to `all` and reports the throw when an `invalidates` function throws after the resolver failed', async () => {
    const { router, names } = createRenameRouter()
    const errors: ErrorInfo[] = []
    const caller = router.createCaller({ user: 'ada' }, { onError: (info) => errors.push(info) })
    const error = await rejectionOf(caller.lookupFails({ id: 7 }))
    expect(names.get(7)).toBe('changed')
    expect(error.code).toBe('CONFLICT')
    expect(error.invalidate).toEqual([{ kind: 'all' }])
    expect(errors).toEqual([{ error: new Error('The target lookup failed too'), type: 'mutation', path: 'lookupFails' }])
  })
})

describe('over HTTP (Express)', () => {
  let t: Transport | undefined
  afterEach(() => t?.close())

  it('answers the error with the targets computed from input and ctx, not those that need the result', async () => {
    const { router } = createRenameRouter()
    t = await expressTransport({ router })
    const response = await mutate(t, 'renameProject', { id: 7, name: 'Artemis', failAfterWrite: true }, { 'x-user': 'ada' })
    expect(response.status).toBe(409)
    const answer = await readMutation(response)
    expect(answer).toMatchObject({ error: { code: 'CONFLICT', message: 'The audit log is unavailable' } })
    expect(fromWire(answer.invalidate)).toEqual(afterFailure)
  })

  it('answers a success with every target', async () => {
    const { router } = createRenameRouter()
    t = await expressTransport({ router })
    const response = await mutate(t, 'renameProject', { id: 7, name: 'Artemis' }, { 'x-user': 'ada' })
    expect(response.status).toBe(200)
    const answer = await readMutation(response)
    expect(fromWire(answer.invalidate)).toEqual([
      ...afterFailure,
      { kind: 'exact', context: 'history', params: { projectId: 7, version: 2 } },
    ])
  })

  it('answers a refused call with no targets', async () => {
    const { router } = createRenameRouter()
    t = await expressTransport({ router })
    const response = await mutate(t, 'renameProject', { id: 7, name: 'Artemis', failAfterWrite: true })
    expect(response.status).toBe(401)
    expect(fromWire((await readMutation(response)).invalidate)).toEqual([])
  })
})
