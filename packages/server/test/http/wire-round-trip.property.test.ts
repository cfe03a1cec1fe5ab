import fc from 'fast-check'
import superjson from 'superjson'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient, csrfSession } from '@mizan/client'
import { jsonTransformer } from '../../src/protocol/index.ts'
import type { Transformer } from '../../src/protocol/index.ts'
import { canonicalModel } from '../fixtures/canonical-model.ts'
import { fuzzRun } from '../fixtures/fuzz-run.ts'
import { realise, treeArbitrary } from '../fixtures/value-arbitraries.ts'
import type { Flavour } from '../fixtures/value-arbitraries.ts'
import { createEchoRouter } from '../regression/echo-router.ts'
import { expressTransport } from './transports.ts'
import type { Transport } from './transports.ts'

// Values go out through the real client and come back from the real handler (Express on a
// port, one server per transformer) through a read and a mutation that answer their input.
// What may change on the way is documented: a read's input travels in canonical form
// (`undefined` properties dropped, shared objects as copies); a mutation's input is sent as
// given (superjson keeps `undefined` properties, plain JSON drops them); plain JSON writes -0 as
// 0. Values with superjson hold every type it carries, with JSON only JSON; both hold awkward
// keys and strings (lone surrogates included), and now and then strings long enough to send a
// read as POST rather than GET.

const flavours: readonly (readonly [Flavour, Transformer])[] = [
  ['superjson', superjson],
  ['json', jsonTransformer],
]

describe.each(flavours)('the wire round trip with %s, for arbitrary values', (flavour, transformer) => {
  const echo = createEchoRouter(flavour === 'superjson' ? superjson : undefined)
  let server: Transport
  let client: ReturnType<typeof createClient<typeof echo.router>>
  beforeAll(async () => {
    server = await expressTransport({ router: echo.router })
    client = createClient<typeof echo.router>({ url: `http://127.0.0.1:${server.port}/mizan`, transformer, session: csrfSession() })
  })
  afterAll(() => server.close())

  // Keys the server refuses by design stay out (`__proto__`, `constructor.prototype`); superjson
  // refuses to serialise `constructor` and `prototype` keys on the client already.
  const values = treeArbitrary({ flavour, withRefs: true, depth: 3, width: 4, longStrings: 1500 })
    .map((tree) => realise(tree, { share: true, absent: true }))
    .filter((value) => JSON.stringify(transformer.serialize(value) ?? null).length < 40_000)

  it('reads give back the canonical form of their input, several per bundle', async () => {
    const model = (value: unknown) => canonicalModel(value, { flavour })
    const run = fuzzRun(`wire round trip (${flavour}) reads`, 100)
    await fc.assert(
      fc.asyncProperty(fc.array(values, { minLength: 1, maxLength: 4 }), async (inputs) => {
        // Issued in one tick: one bundle, identical inputs sent once.
        const answers = await Promise.all(inputs.map((input) => client.echo.query(input)))
        answers.forEach((answer, position) => expect(model(answer)).toStrictEqual(model(inputs[position])))
      }),
      run,
    )
  }, 30_000)

  it('mutations give back their input as sent', async () => {
    // superjson carries `undefined` properties; plain JSON drops them in JSON.stringify.
    const model = (value: unknown) => canonicalModel(value, { flavour, keepUndefined: flavour === 'superjson' })
    const run = fuzzRun(`wire round trip (${flavour}) mutations`, 100)
    await fc.assert(
      fc.asyncProperty(values, async (input) => {
        expect(model(await client.store.mutate(input))).toStrictEqual(model(input))
      }),
      run,
    )
  }, 30_000)
})
