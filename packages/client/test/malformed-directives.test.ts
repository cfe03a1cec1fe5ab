import { http, HttpResponse } from 'msw'
import superjson from 'superjson'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createClient, fetchWithInvalidation } from '../src/index.ts'
import type { AppRouter } from './fixtures/app-router.ts'
import { mockWire, noticeHeader, recordFlushes, spyWarnings, tick } from './fixtures/mock-wire.ts'

// Bug 6 of issue 10: directives are decoded strictly. What does not decode is dropped, one by one,
// with a warning in development; a write that succeeded never fails because of its directives.
const { server, url } = mockWire()
afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
})

function setup(transformer?: typeof superjson) {
  const client = createClient<AppRouter>(transformer ? { url, transformer } : { url })
  return { client, flushes: recordFlushes(client.$scheduler) }
}

const answerWith = (invalidate: unknown, rest: object = { data: 1 }) =>
  server.use(http.post(`${url}/m/renameProject`, () => HttpResponse.json({ id: 'm1', ...rest, invalidate })))

describe('directives that do not decode', () => {
  it('drops a partial directive whose params are null, instead of invalidating its whole context', async () => {
    const warnings = spyWarnings()
    answerWith([
      { kind: 'partial', context: 'search', params: null },
      { kind: 'exact', context: 'project', params: { id: 1 } },
    ])
    const { client, flushes } = setup()
    expect(await client.renameProject.mutate({ id: 1, name: 'a' })).toBe(1)
    await tick()
    expect(flushes).toEqual([[{ kind: 'exact', context: 'project', params: { id: 1 }, mutationId: 'm1', source: 'response' }]])
    expect(warnings.messages).toEqual([expect.stringContaining('Mutation "renameProject" sent a malformed invalidation directive')])
    expect(warnings.shown).toEqual([[{ kind: 'partial', context: 'search', params: null }]])
  })

  it('drops each malformed directive on its own and keeps the well-formed ones', async () => {
    const warnings = spyWarnings()
    const malformed = [
      { kind: 'everything' },
      { kind: 'whole' },
      { kind: 'whole', context: 7 },
      { kind: 'exact', context: 'project' },
      { kind: 'exact', params: { id: 1 } },
      { kind: 'partial', context: 'search', params: ['text'] },
      { kind: 'partial', context: 'search', params: 'text' },
      { kind: 'partial', context: 'search' },
      { context: 'projects' },
      null,
      'whole',
      [],
    ]
    const wellFormed = [
      { kind: 'whole', context: 'projects' },
      { kind: 'exact', context: 'project', params: { id: 2 } },
      { kind: 'partial', context: 'search', params: { text: 'a' } },
    ]
    answerWith([wellFormed[0], ...malformed.slice(0, 6), wellFormed[1], ...malformed.slice(6), wellFormed[2]])
    const { client, flushes } = setup()
    expect(await client.renameProject.mutate({ id: 2, name: 'a' })).toBe(1)
    await tick()
    expect(flushes).toEqual([wellFormed.map((directive) => ({ ...directive, mutationId: 'm1', source: 'response' }))])
    expect(warnings.messages).toHaveLength(malformed.length)
  })

  it('keeps only the fields of a directive, whatever else an answer carries', async () => {
    spyWarnings()
    answerWith([{ kind: 'whole', context: 'projects', params: { id: 1 }, extra: true }, { kind: 'all', context: 'x' }])
    const { client, flushes } = setup()
    await client.renameProject.mutate({ id: 2, name: 'a' })
    await tick()
    expect(flushes).toEqual([[{ kind: 'all', mutationId: 'm1', source: 'response' }]])
    answerWith([{ kind: 'whole', context: 'projects', params: { id: 1 }, extra: true }])
    await client.renameProject.mutate({ id: 2, name: 'a' })
    await tick()
    expect(flushes[1]).toEqual([{ kind: 'whole', context: 'projects', mutationId: 'm1', source: 'response' }])
  })

  it.each([
    ['not a list', { kind: 'whole', context: 'projects' }],
    ['null', null],
    ['missing', undefined],
  ])('resolves the data of a write whose directives are %s, invalidating nothing', async (_name, invalidate) => {
    const warnings = spyWarnings()
    answerWith(invalidate)
    const { client, flushes } = setup()
    expect(await client.renameProject.mutate({ id: 1, name: 'a' })).toBe(1)
    await tick()
    expect(flushes).toEqual([])
    expect(warnings.messages).toHaveLength(1)
  })

  it('drops a directive whose params the transformer cannot decode, and keeps the others', async () => {
    const warnings = spyWarnings()
    const undecodable = { kind: 'exact', context: 'project', params: { json: { id: 1 }, meta: { values: { id: ['no-such-type'] } } } }
    answerWith([undecodable, { kind: 'whole', context: 'projects' }], { data: { json: 5 } })
    const { client, flushes } = setup(superjson)
    expect(await client.renameProject.mutate({ id: 1, name: 'a' })).toBe(5)
    await tick()
    expect(flushes).toEqual([[{ kind: 'whole', context: 'projects', mutationId: 'm1', source: 'response' }]])
    expect(warnings.messages).toEqual([expect.stringContaining('sent an invalidation directive whose params the transformer cannot decode')])
    expect(warnings.shown).toEqual([[undecodable]])
  })

  it('decodes params in their canonical form, and gives a partial directive back the fields it must lack', async () => {
    const at = new Date(Date.UTC(2026, 0, 1))
    answerWith([
      { kind: 'exact', context: 'project', params: superjson.serialize({ id: 7n, at }) },
      { kind: 'partial', context: 'search', params: superjson.serialize({ text: 'a' }), lacking: ['page'] },
    ])
    const { client, flushes } = setup(superjson)
    await client.renameProject.mutate({ id: 1, name: 'a' })
    await tick()
    expect(flushes).toEqual([
      [
        { kind: 'exact', context: 'project', params: { id: 7n, at }, mutationId: 'm1', source: 'response' },
        { kind: 'partial', context: 'search', params: { text: 'a', page: undefined }, mutationId: 'm1', source: 'response' },
      ],
    ])
    expect(Object.keys((flushes[0]![1] as { params: object }).params)).toEqual(['text', 'page'])
  })

  it.each([
    ['not a list', 'page'],
    ['a list holding a number', ['page', 1]],
  ])('drops a partial directive whose lacking fields are %s', async (_name, lacking) => {
    const warnings = spyWarnings()
    answerWith([{ kind: 'partial', context: 'search', params: { text: 'a' }, lacking }])
    const { client, flushes } = setup()
    await client.renameProject.mutate({ id: 1, name: 'a' })
    await tick()
    expect(flushes).toEqual([])
    expect(warnings.messages).toEqual([expect.stringContaining('sent a malformed invalidation directive')])
  })

  it('still rejects a failed write with its own error, not with its directives', async () => {
    spyWarnings()
    answerWith([{ kind: 'partial', context: 'search', params: null }, { kind: 'whole', context: 'projects' }], {
      error: { code: 'CONFLICT', message: 'Half done', status: 409 },
    })
    const { client, flushes } = setup()
    await expect(client.renameProject.mutate({ id: 1, name: 'a' })).rejects.toMatchObject({ code: 'CONFLICT', status: 409 })
    await tick()
    expect(flushes).toEqual([[{ kind: 'whole', context: 'projects', mutationId: 'm1', source: 'response' }]])
  })

  it('warns in development only', async () => {
    vi.stubEnv('NODE_ENV', 'production')
    const warnings = spyWarnings()
    answerWith([{ kind: 'partial', context: 'search', params: null }])
    const { client } = setup()
    expect(await client.renameProject.mutate({ id: 1, name: 'a' })).toBe(1)
    expect(warnings.messages).toEqual([])
  })
})

describe('a Mizan-Invalidate header', () => {
  const formPost = (header: string) =>
    server.use(http.post('http://app.test/forms/rename', () => new HttpResponse(null, { status: 204, headers: { 'Mizan-Invalidate': header } })))

  it.each([
    ['a partial directive with null params', noticeHeader([{ kind: 'partial', context: 'search', params: null }])],
    ['directives that are not a list', noticeHeader({ kind: 'whole', context: 'projects' })],
    ['a notice without an id', btoa(JSON.stringify({ invalidate: [{ kind: 'whole', context: 'projects' }] }))],
    ['a value that is not base64url JSON', '%%% not a notice %%%'],
  ])('never makes fetchWithInvalidation reject after a write that succeeded: %s', async (_name, header) => {
    const warnings = spyWarnings()
    formPost(header)
    const { client, flushes } = setup()
    const response = await fetchWithInvalidation(client)('http://app.test/forms/rename', { method: 'POST' })
    expect(response.status).toBe(204)
    await tick()
    expect(flushes).toEqual([])
    expect(warnings.messages).toHaveLength(1)
  })

  it('applies the well-formed directives of a header beside malformed ones', async () => {
    spyWarnings()
    formPost(noticeHeader([{ kind: 'exact', context: 'project' }, { kind: 'whole', context: 'projects' }], 'v9'))
    const { client, flushes } = setup()
    expect((await fetchWithInvalidation(client)('http://app.test/forms/rename', { method: 'POST' })).status).toBe(204)
    await tick()
    expect(flushes).toEqual([[{ kind: 'whole', context: 'projects', mutationId: 'v9', source: 'header' }]])
  })
})

describe('the `all` directive', () => {
  it('decodes from a Mizan-Invalidate header, as the server falls back to it, with plain JSON and superjson', async () => {
    for (const transformer of [undefined, superjson]) {
      const invalidate = [{ kind: 'all' }]
      server.use(
        http.post('http://app.test/forms/big', () =>
          new HttpResponse(null, { status: 204, headers: { 'Mizan-Invalidate': noticeHeader(invalidate, 'v1') } }),
        ),
      )
      const { client, flushes } = setup(transformer)
      expect((await fetchWithInvalidation(client)('http://app.test/forms/big', { method: 'POST' })).status).toBe(204)
      await tick()
      expect(flushes).toEqual([[{ kind: 'all', mutationId: 'v1', source: 'header' }]])
    }
  })

  it('decodes from a mutation answer, and covers every other directive of its flush', async () => {
    answerWith([{ kind: 'exact', context: 'project', params: { id: 1 } }, { kind: 'all' }, { kind: 'whole', context: 'projects' }])
    const { client, flushes } = setup()
    expect(await client.renameProject.mutate({ id: 1, name: 'a' })).toBe(1)
    await tick()
    expect(flushes).toEqual([[{ kind: 'all', mutationId: 'm1', source: 'response' }]])
  })
})
