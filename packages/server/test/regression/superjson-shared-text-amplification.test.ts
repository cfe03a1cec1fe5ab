import superjson from 'superjson'
import { describe, expect, it } from 'vitest'
import { openPerTest, testLimits, transports } from '../http/transports.ts'
import { dataOf, errorOf, mutationData, postBundle, postRaw, readItems, readMutation } from '../http/wire-helpers.ts'
import { createEchoRouter } from './echo-router.ts'

// Found by hostile-input.property.test.ts (shrunk: a POST bundle whose one superjson item holds a
// string of NULs and a `w` object of zeros, with `referentialEqualities` placing the string at
// every `w.k<n>`). The decoded-input bound counted a string as one value whatever its length, so
// shared references could repeat text freely: 64 KB of body (a 20 KB string placed at 1,800
// paths) answered 200 with 54 MB, and with the default 1 MB body limit far more. Decoded text
// (strings, object keys, BigInt digits, counted wherever a shared reference places them) is now
// bounded by what the request could carry: 413. (Zeros at the targets are refused on their own
// now, see superjson-shared-reference-targets.test.ts: these bodies hold null there, as
// superjson's `dedupe` mode writes them.)

/** superjson whose referential equalities place `shared` at `slots` properties of `w`. */
function fannedOut(shared: unknown, slots: number, meta: Record<string, unknown> = {}) {
  const names = Array.from({ length: slots }, (_, slot) => `k${slot}`)
  return {
    json: { s: shared, w: Object.fromEntries(names.map((name) => [name, null])) },
    meta: { ...meta, referentialEqualities: { s: names.map((name) => `w.${name}`) }, v: 1 },
  }
}

const open = openPerTest()


describe.each(transports)('%s adapter, superjson input', (_name, transport) => {
  it('answers a mutation whose shared references repeat a 20 KB string 1,800 times with 413, never running it', async () => {
    const echo = createEchoRouter(superjson)
    const body = JSON.stringify(fannedOut('x'.repeat(20_000), 1800))
    expect(body.length).toBeLessThan(testLimits.maxBodyBytes)
    const answer = await postRaw(await open(transport, { router: echo.router }), '/m/store', body)
    expect(answer.status).toBe(413)
    expect(errorOf(await readMutation(answer))).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/more text/) })
    expect(echo.seen).toEqual([])
  })

  it('answers the shrunk bundle (a string of NULs fanned out) with that item 413', async () => {
    const echo = createEchoRouter(superjson)
    const bundle = await postBundle(await open(transport, { router: echo.router }), [['echo', fannedOut('\u0000'.repeat(2000), 100)]])
    expect(bundle.status).toBe(200)
    expect(errorOf((await readItems(bundle))[0])).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 })
    expect(echo.seen).toEqual([])
  })

  it('counts long object keys and BigInt digits wherever they are placed', async () => {
    const echo = createEchoRouter(superjson)
    const t = await open(transport, { router: echo.router })
    const longKey = await postRaw(t, '/m/store', JSON.stringify(fannedOut({ ['k'.repeat(10_000)]: 0 }, 10)))
    expect(longKey.status).toBe(413)
    const bigint = await postRaw(t, '/m/store', JSON.stringify(fannedOut('9'.repeat(10_000), 10, { values: { s: ['bigint'] } })))
    expect(bigint.status).toBe(413)
    expect(echo.seen).toEqual([])
  })

  it('still accepts text that superjson shares honestly: its body carries every copy', async () => {
    const echo = createEchoRouter(superjson)
    const note = { text: 'x'.repeat(20_000) }
    const input = { first: note, second: note }
    expect(superjson.serialize(input).meta?.referentialEqualities).toBeDefined()
    const t = await open(transport, { router: echo.router })
    const answer = await postRaw(t, '/m/store', JSON.stringify(superjson.serialize(input)))
    expect(answer.status).toBe(200)
    expect(mutationData(await readMutation(answer))).toEqual(input)
    const bundle = await postBundle(t, [['echo', superjson.serialize(input)]])
    expect(dataOf((await readItems(bundle))[0])).toEqual(input)
  })
})
