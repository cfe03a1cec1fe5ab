import { QueryClient, dehydrate, hydrate } from '@tanstack/react-query'
import type { DehydratedState } from '@tanstack/react-query'
import superjson from 'superjson'
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest'
import { jsonTransformer } from '@mizan/client'
import type { Transformer } from '@mizan/client'
import { parseSsrData, ssrDataElementId } from '../src/index.ts'
import { serializeSsrData, ssrDataElementId as serverSsrDataElementId, ssrDataScript } from '../src/server/index.ts'

// What a user may have typed into a project: each one breaks out of a naively written tag.
const hostile = {
  title: '</script><script>alert(1)</script>',
  commentOpen: '<!--',
  commentClose: '-->',
  // Unescaped, `<!--<script ` puts the HTML parser in a state where `</script>` no longer ends the
  // tag, and the rest of the page becomes script text; it needs no `>` to do so.
  commentedScript: '<!--<script ',
  entities: '&lt; &amp; & &#60;',
  lineSeparator: 'a\u2028b',
  paragraphSeparator: 'c\u2029d',
  at: new Date(Date.UTC(2024, 1, 29, 12, 30)),
  tags: new Map<string, number>([['</script>', 1], ['plain', 2]]),
  archived: undefined,
}

// Keys shaped as Mizan builds them: the input in superjson's JSON form.
const projectKey = ['mizan', 'project', superjson.serialize({ id: 7, page: 1 })] as const
// The key travels in the dehydrated state as well, so hostile text in it must survive too.
const searchKey = ['mizan', 'search', superjson.serialize({ q: '</script><!--', at: new Date(0) })] as const

function newQueryClient() {
  // gcTime Infinity: no garbage-collection timers outlive a test.
  return new QueryClient({ defaultOptions: { queries: { gcTime: Number.POSITIVE_INFINITY } } })
}

function serverState(): DehydratedState {
  const queryClient = newQueryClient()
  queryClient.setQueryData(projectKey, hostile)
  queryClient.setQueryData(searchKey, [hostile.title, hostile.lineSeparator])
  return dehydrate(queryClient)
}

function hydrated(state: DehydratedState): QueryClient {
  const queryClient = newQueryClient()
  hydrate(queryClient, state)
  return queryClient
}

function expectOriginalData(queryClient: QueryClient) {
  const project = queryClient.getQueryData<typeof hostile>(projectKey)
  expect(project).toStrictEqual(hostile)
  expect(project?.at).toBeInstanceOf(Date)
  expect(project?.tags).toBeInstanceOf(Map)
  expect(project && 'archived' in project).toBe(true)
  expect(queryClient.getQueryData(searchKey)).toStrictEqual([hostile.title, hostile.lineSeparator])
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('SSR data', () => {
  it('round-trips a dehydrated QueryClient with superjson: Dates, Maps, undefined and hostile strings survive', () => {
    const text = serializeSsrData(serverState(), superjson)
    expectOriginalData(hydrated(parseSsrData(text, superjson)))
  })

  it('escapes every character that matters in HTML, yet parses to exactly the transformer JSON form', () => {
    const state = serverState()
    const text = serializeSsrData(state, superjson)
    for (const char of ['<', '>', '&', '\u2028', '\u2029']) expect(text).not.toContain(char)
    expect(text).toContain('\\u003c/script\\u003e')
    expect(JSON.parse(text)).toStrictEqual(JSON.parse(JSON.stringify(superjson.serialize(state))))
  })

  it('works with the plain-JSON default transformer', () => {
    const queryClient = newQueryClient()
    queryClient.setQueryData(['mizan', 'project', { id: 1 }], { title: hostile.title, note: hostile.paragraphSeparator })
    const state = dehydrate(queryClient)
    const text = serializeSsrData(state, jsonTransformer)
    expect(text).not.toMatch(/[<>&\u2028\u2029]/)
    expect(JSON.parse(text)).toStrictEqual(JSON.parse(JSON.stringify(state)))
    expect(hydrated(parseSsrData(text, jsonTransformer)).getQueryData(['mizan', 'project', { id: 1 }])).toStrictEqual({
      title: hostile.title,
      note: hostile.paragraphSeparator,
    })
  })

  it('gives one script tag in a real DOM that nothing breaks out of, and its text hydrates', () => {
    const tag = ssrDataScript(serverState(), superjson)
    document.body.innerHTML = '<div>' + tag + '<p id="after">x</p></div>'

    const scripts = document.querySelectorAll('script')
    expect(scripts).toHaveLength(1)
    const script = document.getElementById(ssrDataElementId)
    expect(script).toBe(scripts[0])
    expect(script?.getAttribute('type')).toBe('application/json')
    expect(document.getElementById('after')?.textContent).toBe('x')
    expect(document.getElementById('after')?.parentElement).toBe(script?.parentElement)
    expectOriginalData(hydrated(parseSsrData(script?.textContent ?? '', superjson)))
  })

  it.each([
    ['empty text', ''],
    ['HTML instead of JSON', '<!doctype html><title>502 Bad Gateway</title>'],
    ['truncated JSON', serializeSsrData({ queries: [], mutations: [] }, superjson).slice(0, -3)],
    ['null', 'null'],
    ['an array', '[]'],
    ['no mutations', superjson.stringify({ queries: [] })],
    ['queries that are not an array', superjson.stringify({ queries: {}, mutations: [] })],
    ['a query without a hash', superjson.stringify({ queries: [{ queryKey: ['mizan', 'x'], state: {} }], mutations: [] })],
    ['a query whose key is not an array', superjson.stringify({ queries: [{ queryHash: '["x"]', queryKey: 'x', state: {} }], mutations: [] })],
    ['a query without state', superjson.stringify({ queries: [{ queryHash: '["x"]', queryKey: ['x'] }], mutations: [] })],
    ['a mutation without state', superjson.stringify({ queries: [], mutations: [null] })],
    ['superjson meta the transformer refuses', '{"json":{"queries":[],"mutations":[]},"meta":{"values":{"queries":["nonsense"]}}}'],
  ])('refuses malformed text with a clear error: %s', (_name, text) => {
    expect(() => parseSsrData(text, superjson)).toThrow(/^Mizan SSR data/)
  })

  it('names the cause when the text is not JSON at all', () => {
    expect(() => parseSsrData('<html>', jsonTransformer)).toThrow('Mizan SSR data is not valid JSON')
    expect(() => parseSsrData('{"queries":[{}],"mutations":[]}', jsonTransformer)).toThrow('queries[0]')
  })

  it('uses one element id on the server and in the browser entry', () => {
    expect(ssrDataElementId).toBe('__MIZAN_SSR_DATA__')
    expect(serverSsrDataElementId).toBe(ssrDataElementId)
    expect(ssrDataScript({ queries: [], mutations: [] }, jsonTransformer)).toBe(
      '<script id="__MIZAN_SSR_DATA__" type="application/json">{"queries":[],"mutations":[]}</script>',
    )
  })

  it('has the types a render helper and the browser need', () => {
    expectTypeOf(serializeSsrData).parameters.toEqualTypeOf<[DehydratedState, Transformer]>()
    expectTypeOf(ssrDataScript).returns.toEqualTypeOf<string>()
    expectTypeOf(parseSsrData).returns.toEqualTypeOf<DehydratedState>()
    expectTypeOf<typeof ssrDataElementId>().toEqualTypeOf<'__MIZAN_SSR_DATA__'>()
  })
})
