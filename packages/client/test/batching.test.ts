import superjson from 'superjson'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createClient, MizanClientError, streamedAnswers } from '../src/index.ts'
import type { AppRouter } from './fixtures/app-router.ts'
import { startServer } from './fixtures/server.ts'

let server: Awaited<ReturnType<typeof startServer>>
beforeAll(async () => {
  server = await startServer()
})
afterAll(() => server.close())
beforeEach(() => {
  server.requests.length = 0
  server.log.reads.length = 0
  server.log.aborted.length = 0
  server.log.held.clear()
})

const client = (options: Partial<Parameters<typeof createClient>[0]> = {}) =>
  createClient<AppRouter>({ url: server.url, transformer: superjson, batch: { stream: streamedAnswers() }, ...options })

/** A client whose fetch records each request as it is made, with the signal it was given. */
function recordingClient(options: Partial<Parameters<typeof createClient>[0]> = {}) {
  const sent: Array<{ url: string; signal: AbortSignal }> = []
  const c = client({
    ...options,
    fetch: (input, init) => {
      sent.push({ url: String(input), signal: init!.signal! })
      return fetch(input, init)
    },
  })
  return { c, sent }
}

describe('read batching against a real Express server', () => {
  it('sends N reads issued in one tick as one HTTP request, each caller getting its own result', async () => {
    const c = client()
    const results = await Promise.all([
      c.projects.query(),
      c.project.query({ id: 1 }),
      c.project.query({ id: 2 }),
      c.shop.cart.query(),
      c.search.query({ text: 'abc' }),
    ])
    expect(server.requests).toHaveLength(1)
    expect(server.requests[0]!.method).toBe('GET')
    expect(results).toEqual([
      [{ id: 1, name: 'Apollo' }],
      { id: 1, name: 'Project 1', createdAt: new Date(Date.UTC(2026, 0, 1)) },
      { id: 2, name: 'Project 2', createdAt: new Date(Date.UTC(2026, 0, 2)) },
      { owner: null, items: ['sku-1'] },
      { length: 3, limit: null },
    ])
  })

  it('routes a per-item error to its caller only, as a typed MizanClientError', async () => {
    const c = client()
    const [ok, missing, invalid] = await Promise.allSettled([
      c.project.query({ id: 3 }),
      c.project.query({ id: 404 }),
      c.project.query({ id: 1.5 }),
    ])
    expect(server.requests).toHaveLength(1)
    expect(ok).toMatchObject({ status: 'fulfilled', value: { id: 3 } })
    const notFound = (missing as PromiseRejectedResult).reason
    expect(notFound).toBeInstanceOf(MizanClientError)
    expect(notFound).toMatchObject({ code: 'NOT_FOUND', status: 404, path: 'project', message: 'No project 404' })
    const badRequest = (invalid as PromiseRejectedResult).reason as MizanClientError
    expect(badRequest).toMatchObject({ code: 'BAD_REQUEST', status: 400, path: 'project', isClientError: true })
    expect(badRequest.issues).toEqual([{ path: ['id'], message: expect.any(String) }])
  })

  it('sends identical reads once, whatever their key order, and gives each caller its own copy', async () => {
    const c = client()
    const [a, b, d] = await Promise.all([
      c.search.query({ text: 'same', limit: 2 }),
      c.search.query({ limit: 2, text: 'same' }),
      c.search.query({ text: 'same', limit: 2 }),
    ])
    expect(server.log.reads).toEqual(['search:4'])
    expect(a).toEqual(b)
    expect(a).not.toBe(b)
    expect(d).toEqual(a)
  })

  it('switches a bundle to POST when its URL would be too long', async () => {
    const c = client()
    const [long, short] = await Promise.all([c.search.query({ text: 'x'.repeat(5000) }), c.projects.query()])
    expect(long).toEqual({ length: 5000, limit: null })
    expect(short).toHaveLength(1)
    expect(server.requests).toEqual([{ method: 'POST', url: '/mizan/q' }])
  })

  it('splits bundles at the item limit', async () => {
    const c = client()
    const reads = Array.from({ length: 120 }, (_, id) => c.project.query({ id }))
    const results = await Promise.all(reads)
    expect(results.map((r) => r.id)).toEqual(Array.from({ length: 120 }, (_, id) => id))
    expect(server.requests).toHaveLength(3)
    const c10 = client({ batch: { maxItems: 10 } })
    await Promise.all(Array.from({ length: 25 }, (_, id) => c10.project.query({ id })))
    expect(server.requests).toHaveLength(6)
  })

  it('sends a read on its own when the call or the client opts out of batching', async () => {
    const c = client()
    await Promise.all([c.projects.query(undefined, { batch: false }), c.project.query({ id: 1 }), c.project.query({ id: 2 })])
    expect(server.requests).toHaveLength(2)
    server.requests.length = 0
    const unbatched = client({ batch: false })
    await Promise.all([unbatched.projects.query(), unbatched.project.query({ id: 1 })])
    expect(server.requests).toHaveLength(2)
  })

  it('gathers reads over a configured window, and sends them when it ends', async () => {
    // headers() is called as a send starts, synchronously: it tells when the window closed.
    let sends = 0
    const headers = () => {
      sends++
      return {}
    }
    const { c, sent } = recordingClient({ batch: { windowMs: 150 }, headers })
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    let first: Promise<unknown>
    let second: Promise<unknown>
    try {
      first = c.projects.query()
      await vi.advanceTimersByTimeAsync(100)
      second = c.project.query({ id: 9 })
      await vi.advanceTimersByTimeAsync(49)
      expect(sends).toBe(0)
      // Synchronous, so the network that follows runs on real timers.
      vi.advanceTimersByTime(1)
      expect(sends).toBe(1)
    } finally {
      vi.useRealTimers()
    }
    await Promise.all([first, second])
    expect(sent).toHaveLength(1)
    expect(server.requests).toHaveLength(1)
    expect([...server.log.reads].sort()).toEqual(['project:9', 'projects'])
  })

  it('sends per-request headers, sync or async', async () => {
    const sync = client({ headers: { authorization: 'ada' } })
    expect(await sync.whoami.query()).toBe('ada')
    const asyncHeaders = client({ headers: async () => ({ authorization: 'grace' }) })
    expect(await asyncHeaders.whoami.query()).toBe('grace')
  })
})

describe('abort', () => {
  it('rejects only the aborted caller; the bundle goes on for the others', async () => {
    const { c, sent } = recordingClient()
    const controller = new AbortController()
    const aborted = c.slow.query({ n: 1 }, { signal: controller.signal })
    const kept = c.slow.query({ n: 6 })
    await vi.waitFor(() => expect([...server.log.held.keys()].sort()).toEqual([1, 6]))
    controller.abort()
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' })
    expect(sent[0]!.signal.aborted).toBe(false)
    server.log.release(6)
    await expect(kept).resolves.toBe(6)
    // Streamed, `kept` is answered while slow:1 still runs: nobody waits for it any more, so the
    // request is aborted then, and the server hears it (slow:6's resolver, done, hears it too).
    await vi.waitFor(() => expect(server.log.aborted).toContain('slow:1'))
    expect(sent[0]!.signal.aborted).toBe(true)
  })

  it('buffered, keeps the request until the end for the reads still wanted', async () => {
    const { c, sent } = recordingClient({ batch: {} })
    const controller = new AbortController()
    const aborted = c.slow.query({ n: 1 }, { signal: controller.signal })
    const kept = c.project.query({ id: 5 })
    await vi.waitFor(() => expect(server.log.held.has(1)).toBe(true))
    controller.abort()
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' })
    expect(sent[0]!.signal.aborted).toBe(false)
    server.log.release(1)
    await expect(kept).resolves.toMatchObject({ id: 5 })
    expect(server.log.aborted).toEqual([])
  })

  it('aborts the HTTP request once every item in it is aborted', async () => {
    const { c, sent } = recordingClient()
    const first = new AbortController()
    const second = new AbortController()
    const a = c.slow.query({ n: 2 }, { signal: first.signal })
    const b = c.slow.query({ n: 3 }, { signal: second.signal })
    await vi.waitFor(() => expect([...server.log.reads].sort()).toEqual(['slow:2', 'slow:3']))
    first.abort()
    await expect(a).rejects.toMatchObject({ name: 'AbortError' })
    expect(sent).toHaveLength(1)
    expect(sent[0]!.signal.aborted).toBe(false)
    second.abort()
    await expect(b).rejects.toMatchObject({ name: 'AbortError' })
    expect(sent[0]!.signal.aborted).toBe(true)
    // The server sees it too: both resolvers get their abort signal.
    await vi.waitFor(() => expect([...server.log.aborted].sort()).toEqual(['slow:2', 'slow:3']))
  })

  it('keeps an identical read alive while one of its callers still wants it', async () => {
    const { c, sent } = recordingClient()
    const controller = new AbortController()
    const aborted = c.slow.query({ n: 4 }, { signal: controller.signal })
    const kept = c.slow.query({ n: 4 })
    await vi.waitFor(() => expect(server.log.held.has(4)).toBe(true))
    controller.abort()
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' })
    expect(sent[0]!.signal.aborted).toBe(false)
    server.log.release(4)
    await expect(kept).resolves.toBe(4)
    expect(server.log.reads).toEqual(['slow:4'])
    expect(server.log.aborted).toEqual([])
  })

  it('rejects at once, sending nothing, when the signal is already aborted', async () => {
    const { c, sent } = recordingClient()
    await expect(c.projects.query(undefined, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' })
    // A later read is the barrier: any send of the aborted one would have started before it.
    await c.project.query({ id: 1 })
    expect(sent).toHaveLength(1)
    expect(decodeURIComponent(sent[0]!.url)).not.toContain('"projects"')
    expect(server.log.reads).toEqual(['project:1'])
  })
})
