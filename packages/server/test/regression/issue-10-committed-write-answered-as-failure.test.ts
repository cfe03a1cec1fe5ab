import superjson from 'superjson'
import { afterEach, describe, expect, it } from 'vitest'
import type { ErrorInfo, Transformer } from '../../src/index.ts'
import { jsonTransformer } from '../../src/protocol/index.ts'
import type { MutationAnswer } from '../../src/protocol/index.ts'
import { fromWire } from '../fixtures/from-wire.ts'
import type { Transport } from '../http/transports.ts'
import { expressTransport } from '../http/transports.ts'
import { getBundle, postRaw, readItems, readMutation } from '../http/wire-helpers.ts'
import { createWriteRouter } from './write-router.ts'

// Issue 10, bug 3: a write whose resolver succeeded was answered 500 with `invalidate: []` when
// its targets could not be keyed or serialised, so clients believed it failed and retried it.
// A committed write is reported as committed; what cannot be scoped widens instead.

const wires = [
  { name: 'superjson', transformer: superjson as Transformer, decode: (value: unknown) => superjson.deserialize(value as never) },
  { name: 'plain JSON', transformer: undefined, decode: (value: unknown) => value },
] as const

let t: Transport | undefined
afterEach(() => t?.close())

describe.each(wires)('with $name', ({ transformer, decode }) => {
  async function serve() {
    const { router, writes } = createWriteRouter(transformer)
    t = await expressTransport({ router })
    return { t, writes }
  }

  async function write(transport: Transport, path: string) {
    const body = transformer ? JSON.stringify(transformer.serialize(undefined)) : ''
    const response = await postRaw(transport, `/m/${path}`, body)
    const answer = await readMutation(response)
    return { status: response.status, answer, invalidate: fromWire(answer.invalidate, transformer ?? jsonTransformer) }
  }

  const dataOf = (answer: MutationAnswer) => ('data' in answer ? decode(answer.data) : 'no data')

  it('answers 200 with the data when a computed param is 10,000 levels deep, widening only that target', async () => {
    const { t, writes } = await serve()
    const { status, answer, invalidate } = await write(t, 'deepTarget')
    expect(status).toBe(200)
    expect(dataOf(answer)).toEqual({ saved: 'deepTarget' })
    expect(invalidate).toEqual([
      { kind: 'whole', context: 'tree' },
      { kind: 'exact', context: 'project', params: { id: 1 } },
    ])
    expect(writes).toEqual(['deepTarget'])
  })

  it('widens a cyclic param to its whole context, which covers the other params of it', async () => {
    const { t } = await serve()
    const { status, answer, invalidate } = await write(t, 'cyclicTarget')
    expect(status).toBe(200)
    expect(dataOf(answer)).toEqual({ saved: 'cyclicTarget' })
    expect(invalidate).toEqual([{ kind: 'whole', context: 'tree' }])
  })

  it('answers 200 with the write\'s data and `all` when `invalidates` throws, and reports the throw', async () => {
    const { t, writes } = await serve()
    const { status, answer, invalidate } = await write(t, 'throwingTargets')
    expect(status).toBe(200)
    expect(dataOf(answer)).toEqual({ saved: 'throwingTargets' })
    expect(invalidate).toEqual([{ kind: 'all' }])
    expect(writes).toEqual(['throwingTargets'])
    expect(t.errors).toEqual([
      { error: new Error('No targets for throwingTargets: lookup failed'), type: 'mutation', path: 'throwingTargets' } satisfies ErrorInfo,
    ])
  })

  it('answers INTERNAL, still with the directives, when the committed write\'s data cannot be serialised', async () => {
    const { t, writes } = await serve()
    const path = transformer ? 'deepData' : 'bigData'
    const { status, answer, invalidate } = await write(t, path)
    expect(status).toBe(500)
    expect(answer).toMatchObject({ id: expect.any(String), error: { code: 'INTERNAL', status: 500 } })
    expect(invalidate).toEqual([{ kind: 'exact', context: 'project', params: { id: transformer ? 1 : 10 } }])
    expect(writes).toEqual([path])
    expect(t.errors).toMatchObject([{ type: 'mutation', path }])
  })

  it('answers one unserialisable bundle item as that item\'s INTERNAL error, the others normally', async () => {
    const { t } = await serve()
    const unserialisable = transformer ? 'deepRead' : 'bigRead'
    const response = await getBundle(t, [['fine'], [unserialisable], ['fine']])
    expect(response.status).toBe(200)
    const [first, failed, third] = await readItems(response)
    expect(decode((first as { data: unknown }).data)).toEqual({ fine: true })
    expect(failed).toEqual({ error: { code: 'INTERNAL', message: 'Internal server error', status: 500 } })
    expect(decode((third as { data: unknown }).data)).toEqual({ fine: true })
    expect(t.errors).toMatchObject([{ type: 'context', path: unserialisable }])
  })
})

describe('plain JSON', () => {
  it('widens a BigInt param, which plain JSON cannot carry, to its whole context after the write', async () => {
    const { router, writes } = createWriteRouter(undefined)
    t = await expressTransport({ router })
    const response = await postRaw(t, '/m/bigintTarget', '')
    expect(response.status).toBe(200)
    expect(await readMutation(response)).toEqual({
      id: expect.any(String),
      data: { saved: 'bigintTarget' },
      invalidate: [
        { kind: 'whole', context: 'tree' },
        { kind: 'exact', context: 'project', params: { id: 1 } },
      ],
    })
    expect(writes).toEqual(['bigintTarget'])
  })
})

describe('createCaller', () => {
  it('returns the data and widens a target whose params are 10,000 levels deep', async () => {
    const { router } = createWriteRouter(superjson)
    const result = await router.createCaller({ user: null }).deepTarget()
    expect(result).toEqual({
      data: { saved: 'deepTarget' },
      invalidate: [
        { kind: 'whole', context: 'tree' },
        { kind: 'exact', context: 'project', params: { id: 1 } },
      ],
    })
  })

  it('returns the data with `all` when `invalidates` throws, and reports the throw to onError', async () => {
    const { router, writes } = createWriteRouter(undefined)
    const errors: ErrorInfo[] = []
    const caller = router.createCaller({ user: null }, { onError: (info) => errors.push(info) })
    await expect(caller.throwingTargets()).resolves.toEqual({ data: { saved: 'throwingTargets' }, invalidate: [{ kind: 'all' }] })
    expect(writes).toEqual(['throwingTargets'])
    expect(errors).toEqual([{ error: new Error('No targets for throwingTargets: lookup failed'), type: 'mutation', path: 'throwingTargets' }])
  })
})
