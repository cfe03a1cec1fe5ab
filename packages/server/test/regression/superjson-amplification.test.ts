import superjson from 'superjson'
import { describe, expect, it } from 'vitest'
import { openPerTest, transports } from '../http/transports.ts'
import { dataOf, errorOf, getBundle, mutationData, postBundle, postRaw, readItems, readMutation } from '../http/wire-helpers.ts'
import { createEchoRouter } from './echo-router.ts'

// Bug: superjson's `meta.referentialEqualities` let a ~1 KB request build 22 levels of `[x, x]`
// shared references: 2^22 values as soon as anything walked the input (JSON.stringify, a key of
// its params, a resolver's own loop; 176 MB and the event loop blocked for ~20 s when reported).
// Decoding now bounds the input as if shared references were expanded, bounds its depth and
// refuses cycles, before any resolver runs; plain JSON input is bounded the same way.

/** ~1.3 KB of superjson whose referential equalities make `levels` levels of `[x, x]`. */
function referenceBomb(levels: number) {
  let json: unknown = 'x'
  for (let level = 0; level < levels; level++) json = [json, null]
  const referentialEqualities: Record<string, string[]> = {}
  for (let depth = 0; depth < levels; depth++) {
    const at = Array.from({ length: depth }, () => '0')
    referentialEqualities[[...at, '0'].join('.')] = [[...at, '1'].join('.')]
  }
  return { json, meta: { referentialEqualities, v: 1 } }
}

/** superjson whose referential equality makes the root hold itself. */
const cyclic = { json: { a: {} }, meta: { referentialEqualities: [['a']], v: 1 } }

/** `[[[ ... ]]]`, `depth` arrays deep. */
function nestedArrays(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth)
}

const open = openPerTest()


const json = JSON.stringify(referenceBomb(22))

it('builds the attack from about 1 KB', () => {
  expect(json.length).toBeLessThan(1500)
  // Expanded, it is 2^22 leaves: what the server must never walk.
  let value = superjson.deserialize(JSON.parse(json) as never) as unknown
  for (let level = 0; level < 22; level++) {
    const [left, right] = value as [unknown, unknown]
    expect(left).toBe(right)
    value = left
  }
  expect(value).toBe('x')
})

describe.each(transports)('%s adapter, superjson input', (_name, transport) => {
  it('answers a mutation whose input expands to 2^22 values with 413, never running it', { timeout: 5000 }, async () => {
    const echo = createEchoRouter(superjson)
    const answer = await postRaw(await open(transport, { router: echo.router }), '/m/store', json)
    expect(answer.status).toBe(413)
    expect(errorOf(await readMutation(answer))).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 })
    expect(echo.seen).toEqual([])
  })

  it('answers such a read in a GET bundle with that item 413, the other items as usual', { timeout: 5000 }, async () => {
    const echo = createEchoRouter(superjson)
    const bundle = await getBundle(await open(transport, { router: echo.router }), [
      ['echo', JSON.parse(json)],
      ['echo', superjson.serialize({ fine: true })],
    ])
    expect(bundle.status).toBe(200)
    const [bomb, fine] = await readItems(bundle)
    expect(errorOf(bomb)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 })
    expect(dataOf(fine)).toEqual({ fine: true })
    expect(echo.seen).toEqual([{ fine: true }])
  })

  it('answers such a read in a POST bundle with 413 too', { timeout: 5000 }, async () => {
    const echo = createEchoRouter(superjson)
    const bundle = await postBundle(await open(transport, { router: echo.router }), [['echo', JSON.parse(json)]])
    expect(errorOf((await readItems(bundle))[0])).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 })
    expect(echo.seen).toEqual([])
  })

  it('counts one budget per request: bombs spread over bundle items do not each get the whole budget', { timeout: 5000 }, async () => {
    const echo = createEchoRouter(superjson)
    // Each item expands to 2^11 leaves (~4,100 values): alone it fits a 10,000 budget, three do not.
    const item = ['echo', referenceBomb(11)] as const
    const bundle = await postBundle(await open(transport, { router: echo.router, handler: { maxInputNodes: 10_000 } }), [item, item, item])
    const answers = await readItems(bundle)
    expect(answers.filter((answer) => 'data' in answer)).toHaveLength(2)
    expect(errorOf(answers[2])).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 })
  })

  it('refuses a cycle built by referential equalities with 400', async () => {
    const echo = createEchoRouter(superjson)
    const answer = await postRaw(await open(transport, { router: echo.router }), '/m/store', JSON.stringify(cyclic))
    expect(answer.status).toBe(400)
    expect(errorOf(await readMutation(answer))).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/cycle/) })
    expect(echo.seen).toEqual([])
  })

  it('refuses input nested deeper than the limit with 400', async () => {
    const echo = createEchoRouter(superjson)
    const body = `{"json":${nestedArrays(1000)}}`
    const answer = await postRaw(await open(transport, { router: echo.router }), '/m/store', body)
    expect(answer.status).toBe(400)
    expect(errorOf(await readMutation(answer))).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/deeper than 64/) })
    expect(echo.seen).toEqual([])
  })

  it('still accepts the shared references superjson emits for ordinary input', async () => {
    const echo = createEchoRouter(superjson)
    const at = new Date('2024-05-01T00:00:00Z')
    const range = { from: at, to: at }
    expect(superjson.serialize(range).meta?.referentialEqualities).toBeDefined()
    const answer = await postRaw(await open(transport, { router: echo.router }), '/m/store', JSON.stringify(superjson.serialize(range)))
    expect(answer.status).toBe(200)
    expect(mutationData(await readMutation(answer))).toEqual(range)
  })

  it('applies a configured maxInputNodes and maxInputDepth', async () => {
    const echo = createEchoRouter(superjson)
    const t = await open(transport, { router: echo.router, handler: { maxInputNodes: 10, maxInputDepth: 2 } })
    const wide = await postRaw(t, '/m/store', JSON.stringify(superjson.serialize(Array.from({ length: 10 }, (_, i) => i))))
    expect(wide.status).toBe(413)
    const deep = await postRaw(t, '/m/store', JSON.stringify(superjson.serialize([[[1]]])))
    expect(deep.status).toBe(400)
    const fits = await postRaw(t, '/m/store', JSON.stringify(superjson.serialize([[1, 2], { a: 3 }])))
    expect(fits.status).toBe(200)
  })
})

describe.each(transports)('%s adapter, plain JSON input', (_name, transport) => {
  it('refuses input nested deeper than the limit with 400, never running the resolver', async () => {
    const echo = createEchoRouter(undefined)
    const answer = await postRaw(await open(transport, { router: echo.router }), '/m/store', nestedArrays(1000))
    expect(answer.status).toBe(400)
    expect(errorOf(await readMutation(answer))).toMatchObject({ code: 'BAD_REQUEST' })
    expect(echo.seen).toEqual([])
  })

  it('bounds the number of values as it does for superjson', async () => {
    const echo = createEchoRouter(undefined)
    const t = await open(transport, { router: echo.router, handler: { maxInputNodes: 1000 } })
    const answer = await postRaw(t, '/m/store', JSON.stringify(Array.from({ length: 1000 }, () => 0)))
    expect(answer.status).toBe(413)
    const bundle = await getBundle(t, [['echo', Array.from({ length: 1000 }, () => 0)]])
    expect(errorOf((await readItems(bundle))[0])).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' })
    expect(echo.seen).toEqual([])
  })
})
