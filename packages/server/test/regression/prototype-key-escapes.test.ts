import superjson from 'superjson'
import { describe, expect, it } from 'vitest'
import type { Transformer } from '../../src/index.ts'
import { expressTransport, openPerTest, transports } from '../http/transports.ts'
import { postRaw, readMutation } from '../http/wire-helpers.ts'
import { createEchoRouter } from './echo-router.ts'

// Bug: the prototype-key guard only scanned a parsed value when the raw text held the words
// `__proto__` or `constructor`, so JSON escapes (`"\u005f_proto__"`, `"c\u006fnstructor"`) passed
// and an own `__proto__` key reached resolvers (where a naive deep merge pollutes
// `Object.prototype`). Values are now scanned whenever the text cannot prove their absence, and
// again after the transformer, whose output may hold keys the text never spelled.

const escapedProto = '"\\u005f_proto__"'
const escapedConstructor = '"c\\u006fnstructor"'

/** Plain JSON texts that hold a refused key, spelled with escapes. */
const plainAttacks = {
  '__proto__ key': `{"a":{${escapedProto}:{"polluted":true}}}`,
  'constructor with prototype': `{"a":{${escapedConstructor}:{"prototype":{"polluted":true}}}}`,
  '__proto__ key, fully escaped': '{"\\u005f\\u005f\\u0070\\u0072\\u006f\\u0074\\u006f\\u005f\\u005f":{"polluted":true}}',
}

const open = openPerTest()

const prototypeMessage = /"__proto__" key or a "constructor" with a "prototype"/

describe.each(transports)('%s adapter', (_name, transport) => {
  describe.each(Object.entries(plainAttacks))('a %s', (_attack, text) => {
    it('is refused in a plain JSON mutation body (POST)', async () => {
      const echo = createEchoRouter(undefined)
      const answer = await postRaw(await open(transport, { router: echo.router }), '/m/store', text)
      expect(answer.status).toBe(400)
      expect(await answer.json()).toMatchObject({ error: { code: 'BAD_REQUEST', message: expect.stringMatching(prototypeMessage) } })
      expect(echo.seen).toEqual([])
    })

    it('is refused in a plain JSON GET bundle', async () => {
      const echo = createEchoRouter(undefined)
      const items = `[["echo",${text}]]`
      const answer = await (await open(transport, { router: echo.router })).send(`/q?items=${encodeURIComponent(items)}`)
      expect(answer.status).toBe(400)
      expect(echo.seen).toEqual([])
    })

    it('is refused in a plain JSON POST bundle', async () => {
      const echo = createEchoRouter(undefined)
      const answer = await postRaw(await open(transport, { router: echo.router }), '/q', `[["echo",${text}]]`)
      expect(answer.status).toBe(400)
      expect(echo.seen).toEqual([])
    })

    it('is refused inside superjson', async () => {
      const echo = createEchoRouter(superjson)
      const answer = await postRaw(await open(transport, { router: echo.router }), '/m/store', `{"json":${text}}`)
      expect(answer.status).toBe(400)
      expect(echo.seen).toEqual([])
    })
  })

  it('lets a plain field named constructor through, escaped or not', async () => {
    const echo = createEchoRouter(undefined)
    const answer = await postRaw(await open(transport, { router: echo.router }), '/m/store', `{${escapedConstructor}:"x","constructor":"y"}`)
    expect(answer.status).toBe(200)
    expect(echo.seen).toEqual([{ constructor: 'y' }])
  })

  it('lets ordinary escapes through', async () => {
    const echo = createEchoRouter(undefined)
    const answer = await postRaw(await open(transport, { router: echo.router }), '/m/store', '{"quote":"\\"\\u00e9\\n"}')
    expect(answer.status).toBe(200)
    expect(echo.seen).toEqual([{ quote: '"é\n' }])
  })

  it("refuses a __proto__ key that only the transformer's output holds", async () => {
    // A transformer building objects from entries (as a custom superjson type could): the text
    // spells no refused key, the decoded value has an own "__proto__".
    const entries: Transformer = {
      serialize: (value) => value,
      deserialize: (value) => (Array.isArray(value) ? Object.fromEntries(value as [string, unknown][]) : value),
    }
    const echo = createEchoRouter(entries)
    // "__proto__" is only a string in an array here: no key the JSON scan could refuse.
    const answer = await postRaw(await open(transport, { router: echo.router }), '/m/store', '[["__proto__",{"polluted":true}],["x",1]]')
    expect(answer.status).toBe(400)
    expect((await readMutation(answer)) as unknown).toMatchObject({ error: { code: 'BAD_REQUEST', message: expect.stringMatching(prototypeMessage) } })
    expect(echo.seen).toEqual([])
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })
})

describe('Express adapter with express.json() mounted first', () => {
  it('refuses an escaped __proto__ key in the already-parsed body', async () => {
    const echo = createEchoRouter(undefined)
    const answer = await postRaw(await open(expressTransport, { router: echo.router, jsonParserFirst: true }), '/m/store', plainAttacks['__proto__ key'])
    expect(answer.status).toBe(400)
    expect(echo.seen).toEqual([])
  })
})
