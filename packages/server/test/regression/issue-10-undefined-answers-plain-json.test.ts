import superjson from 'superjson'
import { afterEach, describe, expect, it } from 'vitest'
import type { Transport } from '../http/transports.ts'
import { expressTransport } from '../http/transports.ts'
import { getBundle, mutate, postRaw, readItems, readMutation } from '../http/wire-helpers.ts'
import { createWriteRouter } from './write-router.ts'

// Issue 10, bug 5: under plain JSON an `undefined` answer has no `data` key (JSON has no
// undefined). The client reads an absent `data` as undefined; this pins the server's side of
// that contract (see `MutationAnswer` and `ItemAnswer` in protocol/wire.ts).

let t: Transport | undefined
afterEach(() => t?.close())

describe('plain JSON', () => {
  it('answers a mutation returning undefined with an id and directives, and no data key', async () => {
    const { router, writes } = createWriteRouter(undefined)
    t = await expressTransport({ router })
    const response = await postRaw(t, '/m/nothing', '')
    expect(response.status).toBe(200)
    const answer = await readMutation(response)
    expect(answer).toEqual({ id: expect.any(String), invalidate: [{ kind: 'whole', context: 'project' }] })
    expect('data' in answer).toBe(false)
    expect(writes).toEqual(['nothing'])
  })

  it('answers a read returning undefined with an empty item, beside the others', async () => {
    const { router } = createWriteRouter(undefined)
    t = await expressTransport({ router })
    const response = await getBundle(t, [['nothingRead'], ['fine']])
    expect(response.status).toBe(200)
    expect(await readItems(response)).toEqual([{}, { data: { fine: true } }])
  })
})

describe('superjson', () => {
  it('carries undefined as data, so the key is there', async () => {
    const { router } = createWriteRouter(superjson)
    t = await expressTransport({ router })
    const answer = await readMutation(await mutate(t, 'nothing', undefined))
    expect(answer).toHaveProperty('data')
    expect(superjson.deserialize((answer as { data?: never }).data!)).toBeUndefined()
  })
})
