import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Transport } from './transports.ts'
import { expressTransport, fetchTransport, testLimits } from './transports.ts'
import { dataOf, getBundle, item, mutate, postBundle, postRaw, readItems, readMutation, mutationData } from './wire-helpers.ts'
import { createProbeRecord, createProbeRouter, probe } from './prototype-probe.ts'
import { fromWire } from '../fixtures/from-wire.ts'

// The wire protocol, row by row, through both adapters: a real Express server over loopback,
// and the Fetch adapter driven with Request objects alone.
describe.each([
  ['Express adapter', expressTransport],
  ['Fetch adapter', fetchTransport],
])('%s', (_name, start) => {
  let t: Transport
  beforeAll(async () => {
    t = await start()
  })
  afterAll(() => t.close())

  describe('reads', () => {
    it('answers a GET bundle item by item, in request order', async () => {
      const response = await getBundle(t, [item('project', { id: 7 }), item('projects')])
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toMatch(/^application\/json/)
      const answers = await readItems(response)
      expect(answers.map(dataOf)).toEqual([{ id: 7, name: 'Project 7' }, [{ id: 1 }, { id: 2 }]])
    })

    it('answers the same bundle sent as POST', async () => {
      const answers = await readItems(await postBundle(t, [item('projects'), item('project', { id: 3 })]))
      expect(answers.map(dataOf)).toEqual([[{ id: 1 }, { id: 2 }], { id: 3, name: 'Project 3' }])
    })

    it('answers one failing item and two succeeding ones, each on its own', async () => {
      const response = await getBundle(t, [item('project', { id: 1 }), item('project', { id: 404 }), item('projects')])
      expect(response.status).toBe(200)
      const [first, failed, third] = await readItems(response)
      expect(dataOf(first)).toEqual({ id: 1, name: 'Project 1' })
      expect(failed).toEqual({ error: { code: 'NOT_FOUND', message: 'No project 404', status: 404 } })
      expect(dataOf(third)).toEqual([{ id: 1 }, { id: 2 }])
    })

    it('answers an unknown context inside a bundle as that item\'s NOT_FOUND', async () => {
      const answers = await readItems(await getBundle(t, [item('nope'), item('renameProject', { id: 1, name: 'x' }), item('projects')]))
      expect(answers[0]).toEqual({ error: { code: 'NOT_FOUND', message: 'No context "nope"', status: 404 } })
      // A mutation is not a read: naming one in a bundle never runs it.
      expect(answers[1]).toEqual({ error: { code: 'NOT_FOUND', message: 'No context "renameProject"', status: 404 } })
      expect(dataOf(answers[2])).toHaveLength(2)
    })

    it('answers an item failing validation with BAD_REQUEST and each issue', async () => {
      const [answer] = await readItems(await getBundle(t, [item('project', { id: 'seven' })]))
      expect(answer).toEqual({
        error: {
          code: 'BAD_REQUEST',
          status: 400,
          message: expect.stringContaining('id:'),
          issues: [{ path: ['id'], message: expect.stringContaining('number') }],
        },
      })
    })

    it('hides an unknown error behind a generic INTERNAL item, and reports it to onError', async () => {
      const [answer] = await readItems(await getBundle(t, [item('leaky')]))
      expect(answer).toEqual({ error: { code: 'INTERNAL', message: 'Internal server error', status: 500 } })
      expect(JSON.stringify(answer)).not.toMatch(/hunter2|stack|db\.internal/)
      expect(t.errors.at(-1)).toMatchObject({ type: 'context', path: 'leaky', error: expect.any(Error) })
    })

    it('passes the request context to resolvers', async () => {
      const [answer] = await readItems(await t.send(`/q?items=${encodeURIComponent(JSON.stringify([item('whoami')]))}`, { headers: { 'x-user': 'ada' } }))
      expect(dataOf(answer)).toBe('ada')
    })
  })

  describe('mutations', () => {
    it('answers { id, data, invalidate } with the resolved directives', async () => {
      const response = await mutate(t, 'renameProject', { id: 7, name: 'Apollo' })
      expect(response.status).toBe(200)
      expect(response.headers.get('cache-control')).toBe('no-store')
      const answer = await readMutation(response)
      expect(answer.id).toMatch(/^[0-9a-f-]{36}$/)
      expect(mutationData(answer)).toEqual({ id: 7, name: 'Apollo' })
      expect(fromWire(answer.invalidate)).toEqual([
        { kind: 'whole', context: 'projects' },
        { kind: 'exact', context: 'project', params: { id: 7 } },
      ])
    })

    it('gives every answer its own id', async () => {
      const first = await readMutation(await mutate(t, 'renameProject', { id: 1, name: 'a' }))
      const second = await readMutation(await mutate(t, 'renameProject', { id: 1, name: 'a' }))
      expect(first.id).not.toBe(second.id)
    })

    it('answers 405 to any method but POST', async () => {
      for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
        const response = await t.send('/m/renameProject', { method })
        expect(response.status, method).toBe(405)
        expect(response.headers.get('allow')).toBe('POST')
        expect(await response.json()).toMatchObject({ error: { code: 'METHOD_NOT_SUPPORTED', status: 405 } })
      }
    })

    it('answers 415 to a body that is not application/json', async () => {
      const before = t.counters.calls
      const form = await postRaw(t, '/m/renameProject', 'id=1&name=x', 'application/x-www-form-urlencoded')
      expect(form.status).toBe(415)
      expect(await form.json()).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringContaining('application/json') } })
      expect((await postRaw(t, '/m/renameProject', '{"json":{}}', 'text/plain')).status).toBe(415)
      const multipart = new FormData()
      multipart.set('id', '1')
      expect((await t.send('/m/renameProject', { method: 'POST', body: multipart })).status).toBe(415)
      expect((await t.send('/m/renameProject', { method: 'POST', body: '{}' })).status).toBe(415)
      expect(t.counters.calls).toBe(before)
    })

    it('answers 404 to an unknown mutation, naming nothing internal', async () => {
      for (const path of ['nothing', 'project', 'shop.secret.deep']) {
        const response = await mutate(t, path, {})
        expect(response.status).toBe(404)
        expect(await response.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'No such mutation', status: 404 } })
      }
    })

    it('finds a mutation named with percent-escapes; a malformed escape is an unknown mutation', async () => {
      const escaped = await mutate(t, 'rename%50roject', { id: 1, name: 'Renamed' })
      expect(escaped.status).toBe(200)
      expect(await readMutation(escaped)).toMatchObject({ data: { json: { id: 1, name: 'Renamed' } } })
      const malformed = await mutate(t, 'rename%E0%A4%Project', { id: 1, name: 'Renamed' })
      expect(malformed.status).toBe(404)
      expect(await malformed.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'No such mutation', status: 404 } })
    })

    it('answers input failing validation with 400 and each issue, invalidating nothing', async () => {
      const before = t.counters.calls
      const response = await mutate(t, 'renameProject', { id: 'x', name: '' })
      expect(response.status).toBe(400)
      const answer = await readMutation(response)
      expect(answer).toMatchObject({
        error: { code: 'BAD_REQUEST', status: 400, issues: [{ path: ['id'] }, { path: ['name'] }] },
      })
      expect(fromWire(answer.invalidate)).toEqual([])
      expect(t.counters.calls).toBe(before)
    })

    it('answers a non-Mizan throw with a generic 500, still sending its static directives', async () => {
      const response = await mutate(t, 'crash', { id: 1 })
      expect(response.status).toBe(500)
      const text = await response.text()
      expect(text).not.toMatch(/secret|Cannot read|stack|TypeError/)
      const answer = JSON.parse(text)
      expect(answer.error).toEqual({ code: 'INTERNAL', message: 'Internal server error', status: 500 })
      expect(fromWire(answer.invalidate)).toEqual([{ kind: 'whole', context: 'projects' }])
      expect(t.errors.at(-1)).toMatchObject({ type: 'mutation', path: 'crash', error: expect.any(TypeError) })
    })
  })

  describe('bad input', () => {
    it('answers 400 to a bundle over the item limit, empty, or malformed', async () => {
      const tooMany = Array.from({ length: testLimits.maxItems + 1 }, () => item('projects'))
      const cases: Array<[string, Promise<Response>]> = [
        ['over the limit', postBundle(t, tooMany)],
        ['empty', getBundle(t, [])],
        ['not an array', postRaw(t, '/q', '{"0":["projects"]}')],
        ['item not a tuple', postRaw(t, '/q', '[{"path":"projects"}]')],
        ['path not a string', postRaw(t, '/q', '[[7]]')],
        ['no items param', t.send('/q')],
        ['items not JSON', t.send('/q?items=%5B%5B')],
      ]
      for (const [label, pending] of cases) {
        const response = await pending
        expect(response.status, label).toBe(400)
        expect(await response.json(), label).toMatchObject({ error: { code: 'BAD_REQUEST', status: 400 } })
      }
      expect((await (await postBundle(t, tooMany)).json()).error.message).toBe(
        `Malformed bundle: the bundle has ${testLimits.maxItems + 1} items, more than the limit of ${testLimits.maxItems}`,
      )
    })

    it('answers 405 to a bundle sent with another method', async () => {
      const response = await t.send('/q', { method: 'DELETE' })
      expect(response.status).toBe(405)
      expect(response.headers.get('allow')).toBe('GET, POST')
    })

    it('answers 414 to a GET bundle whose URL is too long', async () => {
      const long = Array.from({ length: 40 }, (_, id) => item('project', { id, pad: 'x'.repeat(300) }))
      const response = await getBundle(t, long)
      expect(response.status).toBe(414)
      expect(await response.json()).toMatchObject({ error: { code: 'URI_TOO_LONG', status: 414 } })
      // The same bundle as POST is fine (the client switches before 414).
      expect((await postBundle(t, long)).status).toBe(200)
    })

    it('answers 400 to malformed JSON', async () => {
      const response = await postRaw(t, '/m/renameProject', '{"json":')
      expect(response.status).toBe(400)
      expect(await response.json()).toEqual({ error: { code: 'BAD_REQUEST', message: 'The request body is not valid JSON', status: 400 } })
    })

    it('refuses __proto__ keys and constructor.prototype with 400, polluting nothing', async () => {
      const before = t.counters.calls
      const bodies = [
        '{"json":{"id":1,"name":"x","__proto__":{"polluted":true}}}',
        '{"json":{"id":1,"name":"x","constructor":{"prototype":{"polluted":true}}}}',
      ]
      for (const body of bodies) {
        const response = await postRaw(t, '/m/renameProject', body)
        expect(response.status).toBe(400)
        expect((await response.json()).error.message).toMatch(/__proto__.*constructor.*prototype.*refused/)
      }
      const viaGet = await t.send(`/q?items=${encodeURIComponent('[["project",{"json":{"id":1},"__proto__":{"polluted":true}}]]')}`)
      expect(viaGet.status).toBe(400)
      expect(t.counters.calls).toBe(before)
    })

    // The unescaped forms, on every route, with and without a transformer. The probe's resolvers
    // take any input unchanged and deep-merge it naively, so they would record a poisoned input.
    it.each(['superjson', 'json'] as const)('hands no resolver a prototype key (%s)', async (transformer) => {
      const probed = createProbeRecord()
      // The probe can fail: a poisoned value reaching it is recorded.
      probe(probed, JSON.parse('{"a":{"__proto__":{"polluted":true}}}'))
      probe(probed, JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'))
      expect(probed).toEqual({ runs: 2, protoKeys: 1, polluted: 2 })
      Object.assign(probed, createProbeRecord())

      const server = await start({ router: createProbeRouter(probed, transformer) })
      const wrap = (value: string) => (transformer === 'superjson' ? `{"json":${value}}` : value)
      const inputs = [
        '{"__proto__":{"polluted":true}}',
        '{"a":{"b":{"__proto__":{"polluted":true}}}}',
        '[{"__proto__":{"polluted":true}}]',
        '{"constructor":{"prototype":{"polluted":true}}}',
        '{"a":{"constructor":{"prototype":{"polluted":true}}}}',
      ]
      const statuses: number[] = []
      try {
        for (const input of inputs) {
          const bundle = `[["read",${wrap(input)}]]`
          const answers = [
            await postRaw(server, '/m/write', wrap(input)),
            await server.send(`/q?items=${encodeURIComponent(bundle)}`),
            await postRaw(server, '/q', bundle),
          ]
          statuses.push(...answers.map((answer) => answer.status))
        }
        // A harmless input does reach the resolvers: the record above is not empty by accident.
        expect((await postRaw(server, '/m/write', wrap('{"a":{"b":1}}'))).status).toBe(200)
      } finally {
        await server.close()
      }
      expect(probed).toEqual({ runs: 1, protoKeys: 0, polluted: 0 })
      expect(statuses).toEqual(inputs.flatMap(() => [400, 400, 400]))
    })

    it('accepts a plain field named constructor', async () => {
      const response = await postRaw(t, '/m/renameProject', '{"json":{"id":1,"name":"x","constructor":"fine"}}')
      expect(response.status).toBe(200)
    })

    it('answers 404 to a path that is no Mizan route', async () => {
      const response = await t.send('/elsewhere')
      expect(response.status).toBe(404)
      expect(await response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } })
    })
  })

  describe('superjson', () => {
    it('round-trips Date, Map, Set, BigInt and undefined in inputs and outputs', async () => {
      const input = {
        at: new Date('2026-01-02T03:04:05.000Z'),
        tags: new Set(['a', 'b']),
        scores: new Map([['x', 1]]),
        big: 12345678901234567890n,
        gone: undefined,
      }
      const [answer] = await readItems(await getBundle(t, [item('types', input)]))
      const data = dataOf(answer) as Record<string, unknown>
      expect(data).toEqual({ ...input, later: new Date('2026-01-02T03:04:06.000Z'), doubled: 24691357802469135780n })
      expect(Object.hasOwn(data, 'gone')).toBe(true)
      expect(data['tags']).toBeInstanceOf(Set)
      expect(data['scores']).toBeInstanceOf(Map)

      const on = new Date('2026-05-06T00:00:00.000Z')
      const written = await readMutation(await mutate(t, 'tag', { label: 'μ', on }))
      expect(mutationData(written)).toEqual({ label: 'μ', on, seen: new Set(['μ']) })
    })
  })
})

describe('debug mode', () => {
  it('sends internal messages and stacks only when switched on explicitly', async () => {
    const t = await fetchTransport({ debug: true })
    const [answer] = await readItems(await getBundle(t, [item('leaky')]))
    expect(answer).toMatchObject({
      error: { code: 'INTERNAL', message: 'password=hunter2 at db.internal:5432', stack: expect.stringContaining('Error: password') },
    })
  })
})
