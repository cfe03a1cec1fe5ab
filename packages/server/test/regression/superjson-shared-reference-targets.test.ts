import SuperJSON from 'superjson'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Transformer } from '../../src/index.ts'
import { openPerTest, transports } from '../http/transports.ts'
import { errorOf, mutationData, postBundle, postRaw, readItems, readMutation } from '../http/wire-helpers.ts'
import { createEchoRouter } from './echo-router.ts'

// Found by hostile-input.property.test.ts: one bundle item of 17.6 KB (an object of 983 zeros and
// shared references placing a fraction at each of them) took 2.8 s of CPU to decode, with the
// event loop held. Decoding writes each shared value into its target, and V8 rebuilds a wide
// object's layout each time one of its integer fields becomes a fraction: quadratic in the
// object's width, about 3 s per 1,000 fields on Node 20, and a 1 MB bundle holds 50 such items.
// superjson itself never places a shared value at a number, at a path its JSON lacks, or inside
// another placed value: such metadata is now refused (400) before decoding.

/** `width` zeros in `w`, each the target of a shared reference to the fraction in `s`. */
function wideOverwrite(width: number, prefix = 'k') {
  const names = Array.from({ length: width }, (_, slot) => `${prefix}${slot}`)
  return {
    json: { s: 1.5, w: Object.fromEntries(names.map((name) => [name, 0])) },
    meta: { referentialEqualities: { s: names.map((name) => `w.${name}`) }, v: 1 },
  }
}

const open = openPerTest()
afterEach(() => {
  vi.restoreAllMocks()
})


const refused = { code: 'BAD_REQUEST', message: expect.stringMatching(/shared reference where superjson never does/) }

describe.each(transports)('%s adapter, superjson input', (_name, transport) => {
  it('refuses shared references placed at numbers with 400, without decoding them', async () => {
    const echo = createEchoRouter(SuperJSON)
    const deserialize = vi.spyOn(SuperJSON as Transformer, 'deserialize')
    const answer = await postRaw(await open(transport, { router: echo.router }), '/m/store', JSON.stringify(wideOverwrite(983)))
    expect(answer.status).toBe(400)
    expect(errorOf(await readMutation(answer))).toMatchObject(refused)
    expect(deserialize).not.toHaveBeenCalled()
    expect(echo.seen).toEqual([])
  })

  it('refuses them item by item in a bundle', async () => {
    const echo = createEchoRouter(SuperJSON)
    const bundle = await postBundle(await open(transport, { router: echo.router }), [
      ['echo', wideOverwrite(983, 'a')],
      ['echo', SuperJSON.serialize({ fine: true })],
    ])
    const [wide, fine] = await readItems(bundle)
    expect(wide).toMatchObject({ error: refused })
    expect(fine).toEqual({ data: { json: { fine: true } } })
  })

  it('refuses targets inside another target, and targets the JSON lacks', async () => {
    const echo = createEchoRouter(SuperJSON)
    const t = await open(transport, { router: echo.router })
    // `b` becomes `a` first, then its fields (zeros in `a`, strings in the JSON of `b`) fractions.
    const nested = {
      json: { s: 1.5, a: { k0: 0, k1: 0 }, b: { k0: 'x', k1: 'x' } },
      meta: { referentialEqualities: { a: ['b'], s: ['b.k0', 'b.k1'] }, v: 1 },
    }
    const missing = { json: { s: 1.5, w: {} }, meta: { referentialEqualities: { s: ['w.k0'] }, v: 1 } }
    for (const body of [nested, missing]) {
      const answer = await postRaw(t, '/m/store', JSON.stringify(body))
      expect(answer.status).toBe(400)
      expect(errorOf(await readMutation(answer))).toMatchObject(refused)
    }
    expect(echo.seen).toEqual([])
  })

  it('still accepts what superjson writes, with and without dedupe, escaped keys and Maps included', async () => {
    const dedupe = new SuperJSON({ dedupe: true })
    const shared = { at: new Date(0), n: 10n }
    const input = { 'a.b': shared, 'c\\d': [shared, shared], m: new Map([['k', shared]]), nan: [Number.NaN, Number.NaN] }
    for (const transformer of [SuperJSON, dedupe]) {
      const echo = createEchoRouter(transformer)
      const serialized = transformer.serialize(input)
      expect(serialized.meta?.referentialEqualities).toBeDefined()
      const t = await open(transport, { router: echo.router })
      const answer = await postRaw(t, '/m/store', JSON.stringify(serialized))
      expect(answer.status).toBe(200)
      expect(mutationData(await readMutation(answer))).toEqual(input)
    }
  })
})
