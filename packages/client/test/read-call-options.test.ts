import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { createClient } from '../src/index.ts'
import type { AppRouter } from './fixtures/app-router.ts'
import { mockWire } from './fixtures/mock-wire.ts'

// Issue 11: per-call request options for reads. A read's own headers travel over the client's;
// a read shares its bundle only with reads of equal headers, so an answer never depends on
// headers another caller chose.
const { server, url } = mockWire()

interface Seen {
  readonly items: unknown[]
  readonly trace: string | null
  readonly authorization: string | null
}

/** Answers every bundle with each item's input id (or 0), recording what each request carried. */
function recordBundles(): Seen[] {
  const seen: Seen[] = []
  server.use(
    http.get(`${url}/q`, ({ request }) => {
      const items = JSON.parse(new URL(request.url).searchParams.get('items')!) as Array<[string, { id?: number }?]>
      seen.push({ items: items.map(([path, input]) => `${path}${input?.id ?? ''}`), trace: request.headers.get('x-trace'), authorization: request.headers.get('authorization') })
      return HttpResponse.json(items.map(([, input]) => ({ data: input?.id ?? 0 })))
    }),
  )
  return seen
}

describe('a read with headers of its own', () => {
  it('sends them over the client headers, bundled only with reads of equal headers', async () => {
    const seen = recordBundles()
    const c = createClient<AppRouter>({ url, headers: { authorization: 'client', 'x-trace': 'client' } })
    const results = await Promise.all([
      c.project.query({ id: 1 }, { headers: { 'x-trace': 'a' } }),
      c.project.query({ id: 2 }),
      c.project.query({ id: 3 }, { headers: { 'x-trace': 'a' } }),
      c.project.query({ id: 4 }, { headers: { 'x-trace': 'b', authorization: 'call' } }),
      c.projects.query(undefined, { headers: {} }),
    ])
    expect(results).toEqual([1, 2, 3, 4, 0])
    expect(seen).toEqual([
      { items: ['project1', 'project3'], trace: 'a', authorization: 'client' },
      { items: ['project2', 'projects'], trace: 'client', authorization: 'client' },
      { items: ['project4'], trace: 'b', authorization: 'call' },
    ])
  })

  it('is sent again, not shared, when an identical read asks with other headers', async () => {
    const seen = recordBundles()
    const c = createClient<AppRouter>({ url })
    await Promise.all([
      c.project.query({ id: 1 }, { headers: { 'x-trace': 'a' } }),
      c.project.query({ id: 1 }, { headers: { 'x-trace': 'a' } }),
      c.project.query({ id: 1 }),
    ])
    expect(seen).toEqual([
      { items: ['project1'], trace: 'a', authorization: null },
      { items: ['project1'], trace: null, authorization: null },
    ])
  })

  it('goes alone with batch: false, headers included', async () => {
    const seen = recordBundles()
    const c = createClient<AppRouter>({ url })
    await Promise.all([c.project.query({ id: 1 }, { headers: { 'x-trace': 'a' }, batch: false }), c.project.query({ id: 2 }, { headers: { 'x-trace': 'a' } })])
    expect(seen).toEqual([
      { items: ['project1'], trace: 'a', authorization: null },
      { items: ['project2'], trace: 'a', authorization: null },
    ])
  })
})
