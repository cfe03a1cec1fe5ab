import superjson from 'superjson'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Transformer } from '../../src/index.ts'
import type { MutationAnswer } from '../../src/protocol/index.ts'
import { openPerTest, transports } from '../http/transports.ts'
import { mutationData, postRaw, readMutation } from '../http/wire-helpers.ts'
import { createEchoRouter } from './echo-router.ts'

// Bug: superjson resolves each path of its meta by stepping through a Set or a Map entry by entry
// up to the index the path names. A body under the 1 MB limit whose referential equalities name
// each of 40,000 Set entries in turn cost ~3 s of decoding, with the event loop held, before any
// check of the decoded value could run. The paths' cost is now bounded before decoding.

/** A Set of `size` numbers and an array whose every slot is a shared reference to one of them. */
function pathCostBomb(size: number) {
  const referentialEqualities: Record<string, string[]> = {}
  for (let i = 0; i < size; i++) referentialEqualities[`s.${size - 1 - i}`] = [`t.${i}`]
  const json = { s: Array.from({ length: size }, (_, i) => i), t: Array.from({ length: size }, () => 0) }
  return JSON.stringify({ json, meta: { values: { s: ['set'] }, referentialEqualities, v: 1 } })
}

const open = openPerTest()
afterEach(() => {
  vi.restoreAllMocks()
})

describe.each(transports)('%s adapter', (_name, transport) => {
  it('refuses metadata whose paths would cost quadratic decoding with 413, without decoding it', async () => {
    const body = pathCostBomb(30_000)
    expect(body.length).toBeLessThan(1024 * 1024)
    const echo = createEchoRouter(superjson)
    const deserialize = vi.spyOn(superjson as Transformer, 'deserialize')
    const t = await open(transport, { router: echo.router, handler: { maxBodyBytes: 1024 * 1024 } })
    const answer = await postRaw(t, '/m/store', body)
    expect(answer.status).toBe(413)
    expect(((await readMutation(answer)) as Extract<MutationAnswer, { error: unknown }>).error).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: expect.stringMatching(/too costly to decode/),
    })
    expect(deserialize).not.toHaveBeenCalled()
    expect(echo.seen).toEqual([])
  })

  it('still decodes a Set of 500 Dates, whose paths name every entry once', async () => {
    const dates = new Set(Array.from({ length: 500 }, (_, i) => new Date(Date.UTC(2026, 0, 1) + i * 86_400_000)))
    const echo = createEchoRouter(superjson)
    const t = await open(transport, { router: echo.router })
    const answer = await postRaw(t, '/m/store', JSON.stringify(superjson.serialize({ dates })))
    expect(answer.status).toBe(200)
    expect(mutationData(await readMutation(answer))).toEqual({ dates })
  })
})
