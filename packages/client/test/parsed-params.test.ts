import { http, HttpResponse } from 'msw'
import superjson from 'superjson'
import { describe, expect, it, vi } from 'vitest'
import { createClient } from '../src/index.ts'
import type { AppRouter } from './fixtures/app-router.ts'
import { mockWire } from './fixtures/mock-wire.ts'

// Issue 11, item 7: a bundle answer may carry `params`, the canonical form of the params the
// server's schema parsed (trimmed, coerced, defaults filled) when it differs from what was sent.
// The read hands them, decoded, to its caller's `onParsedParams` before it resolves.
const { server, url } = mockWire()
const client = () => createClient<AppRouter>({ url, transformer: superjson })

describe('a read whose answer carries parsed params', () => {
  it('gives them decoded to its caller before resolving, and nothing when the answer has none', async () => {
    server.use(
      http.get(`${url}/q`, () =>
        HttpResponse.json([
          { data: superjson.serialize({ length: 6 }), params: superjson.serialize({ text: 'apollo', at: new Date(0) }) },
          { data: superjson.serialize({ id: 1 }) },
        ]),
      ),
    )
    const c = client()
    const order: string[] = []
    const onSearch = vi.fn(() => order.push('params'))
    const onProject = vi.fn()
    const [search] = await Promise.all([
      c.search.query({ text: ' apollo ' }, { onParsedParams: onSearch }).then((data) => (order.push('resolved'), data)),
      c.project.query({ id: 1 }, { onParsedParams: onProject }),
    ])
    expect(search).toEqual({ length: 6 })
    expect(onSearch).toHaveBeenCalledWith({ text: 'apollo', at: new Date(0) })
    expect(order).toEqual(['params', 'resolved'])
    expect(onProject).not.toHaveBeenCalled()
  })

  it('gives them to every caller of a read sent once, each its own copy', async () => {
    server.use(http.get(`${url}/q`, () => HttpResponse.json([{ data: superjson.serialize(1), params: superjson.serialize({ text: 'a' }) }])))
    const c = client()
    const seen: unknown[] = []
    await Promise.all([
      c.search.query({ text: ' a' }, { onParsedParams: (params) => seen.push(params) }),
      c.search.query({ text: ' a' }, { onParsedParams: (params) => seen.push(params) }),
      c.search.query({ text: ' a' }),
    ])
    expect(seen).toEqual([{ text: 'a' }, { text: 'a' }])
    expect(seen[0]).not.toBe(seen[1])
  })

  it('still resolves the read when the params cannot be decoded or the callback throws', async () => {
    server.use(
      http.get(`${url}/q`, () =>
        HttpResponse.json([
          { data: superjson.serialize(1), params: { json: 1, meta: { values: ['no such type'] } } },
          { data: superjson.serialize(2), params: superjson.serialize({ id: 2 }) },
        ]),
      ),
    )
    const c = client()
    const onUndecodable = vi.fn()
    const results = await Promise.all([
      c.project.query({ id: 1 }, { onParsedParams: onUndecodable }),
      c.project.query(
        { id: 2 },
        {
          onParsedParams: () => {
            throw new Error('a broken callback')
          },
        },
      ),
    ])
    expect(results).toEqual([1, 2])
    expect(onUndecodable).not.toHaveBeenCalled()
  })
})
