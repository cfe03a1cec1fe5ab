import superjson from 'superjson'
import { afterEach, describe, expect, it } from 'vitest'
import type { Transport } from '../http/transports.ts'
import { expressTransport } from '../http/transports.ts'
import { mutate, readMutation } from '../http/wire-helpers.ts'
import { createWriteRouter } from './write-router.ts'
import { fromWire } from '../fixtures/from-wire.ts'

// Issue 10, bug 4: params were keyed with JSON.stringify of the deserialised value, so a BigInt
// param crashed the mutation after its write, and two different Sets or Maps both keyed `{}`,
// losing one of two invalidations. Params are now keyed in their canonical form (canonicalKey),
// with the router's transformer.

let t: Transport | undefined
afterEach(() => t?.close())

const setDirectives = [
  { kind: 'exact', context: 'tree', params: new Set(['a']) },
  { kind: 'exact', context: 'tree', params: new Set(['b']) },
  { kind: 'exact', context: 'tree', params: new Map([['k', 1]]) },
  { kind: 'exact', context: 'tree', params: new Map([['k', 2]]) },
  { kind: 'exact', context: 'tree', params: { tags: new Set(['setTargets']) } },
  { kind: 'exact', context: 'tree', params: { tags: new Set(['other']) } },
]

describe('with superjson, over a real Express server', () => {
  it('answers 200 for a write invalidating a BigInt param, whose params round-trip exactly', async () => {
    const { router, writes } = createWriteRouter(superjson)
    t = await expressTransport({ router })
    const response = await mutate(t, 'bigintTarget', undefined)
    expect(response.status).toBe(200)
    const answer = await readMutation(response)
    expect(fromWire(answer.invalidate)).toEqual([
      { kind: 'exact', context: 'tree', params: { n: 10n, saved: 'bigintTarget' } },
      { kind: 'exact', context: 'project', params: { id: 1 } },
    ])
    expect(writes).toEqual(['bigintTarget'])
  })

  it('keeps two different Set params, and two different Map params, as separate directives', async () => {
    const { router } = createWriteRouter(superjson)
    t = await expressTransport({ router })
    const response = await mutate(t, 'setTargets', undefined)
    expect(response.status).toBe(200)
    const invalidate = fromWire((await readMutation(response)).invalidate)
    expect(invalidate).toEqual(setDirectives)
  })
})

describe('createCaller', () => {
  it('keeps every distinct Set and Map param as its own directive', async () => {
    const { router } = createWriteRouter(superjson)
    const { invalidate } = await router.createCaller({ user: null }).setTargets()
    expect(invalidate).toEqual(setDirectives)
  })

  it('returns a BigInt param as given', async () => {
    const { router } = createWriteRouter(superjson)
    const { invalidate } = await router.createCaller({ user: null }).bigintTarget()
    expect(invalidate[0]).toEqual({ kind: 'exact', context: 'tree', params: { n: 10n, saved: 'bigintTarget' } })
  })
})
