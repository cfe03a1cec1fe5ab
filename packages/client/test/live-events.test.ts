import { http, HttpResponse } from 'msw'
import superjson from 'superjson'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { isMutationId } from '@mizan/server/protocol'
import { createClient, liveEvents } from '../src/index.ts'
import type { ClientOptions, LiveEventsOptions, MizanClient } from '../src/index.ts'
import type { AppRouter } from './fixtures/app-router.ts'
import { mockEventStream } from './fixtures/mock-event-stream.ts'
import { mockWire, recordFlushes, spyWarnings, tick } from './fixtures/mock-wire.ts'
import { until } from './fixtures/until.ts'

// The client's side of live invalidation, pinned with msw: the stream is Mizan's wire format
// (`text/event-stream`, `invalidate` events whose data is a notice), and Node has no EventSource,
// so these run on the fetch transport unless an EventSource is given.
const { server, url } = mockWire()
const clients: Array<MizanClient<AppRouter>> = []
afterEach(() => {
  for (const client of clients.splice(0)) client.$close()
  vi.useRealTimers()
  vi.restoreAllMocks()
})

function liveClient(options: Partial<ClientOptions> = {}, events: LiveEventsOptions = {}) {
  const client = createClient<AppRouter>({ url, ...options, events: liveEvents(events) })
  clients.push(client)
  return client
}

const isOpen = (client: MizanClient<AppRouter>) => () => client.$events?.status === 'open'
const otherWrite = 'written-by-another-tab-1'

describe('live events', () => {
  it('enqueue the directives of each event with the source "stream", and ignore comments', async () => {
    const wire = mockEventStream(server, url)
    const client = liveClient({ transformer: superjson })
    const flushes = recordFlushes(client.$scheduler)
    await until(isOpen(client))
    const stream = wire.streams[0]!
    expect(stream.request.method).toBe('GET')
    expect(stream.request.url).toBe(`${url}/events`)
    expect(stream.request.headers.get('accept')).toBe('text/event-stream')
    stream.write(': ping\n\n')
    const at = new Date(Date.UTC(2026, 0, 1))
    stream.notice(otherWrite, [{ kind: 'whole', context: 'projects' }, { kind: 'exact', context: 'project', params: superjson.serialize({ at, id: 7 }) }])
    await until(() => flushes.length === 1)
    expect(flushes).toEqual([
      [
        { kind: 'whole', context: 'projects', mutationId: otherWrite, source: 'stream' },
        { kind: 'exact', context: 'project', params: { id: 7, at }, mutationId: otherWrite, source: 'stream' },
      ],
    ])
    expect(client.$events).toEqual({ enabled: true, status: 'open' })
    expect(wire.streams).toHaveLength(1)
  })

  it('send the client headers (Authorization) on the fetch transport', async () => {
    const wire = mockEventStream(server, url)
    const client = liveClient({ headers: async () => ({ authorization: 'Bearer ada' }) })
    await until(isOpen(client))
    expect(wire.streams[0]!.request.headers.get('authorization')).toBe('Bearer ada')
  })

  it('ignore the echo of a write of this client, even when it arrives before the answer', async () => {
    const wire = mockEventStream(server, url)
    const sentIds: string[] = []
    let answer!: () => void
    server.use(
      http.post(`${url}/m/renameProject`, async ({ request }) => {
        const id = request.headers.get('mizan-mutation-id')!
        sentIds.push(id)
        // The echo first, then another tab's write: once that one is flushed, the echo was read.
        wire.streams[0]!.notice(id, [{ kind: 'whole', context: 'projects' }])
        wire.streams[0]!.notice(otherWrite, [{ kind: 'whole', context: 'search' }])
        await new Promise<void>((resolve) => (answer = resolve))
        return HttpResponse.json({ id, data: { id: 1, name: 'a' }, invalidate: [{ kind: 'whole', context: 'projects' }] })
      }),
    )
    const client = liveClient()
    const flushes = recordFlushes(client.$scheduler)
    await until(isOpen(client))
    const write = client.renameProject.mutate({ id: 1, name: 'a' })
    await until(() => flushes.length === 1, 'the event after the echo')
    expect(flushes).toEqual([[{ kind: 'whole', context: 'search', mutationId: otherWrite, source: 'stream' }]])
    answer()
    await write
    await tick()
    const [id] = sentIds
    expect(isMutationId(id)).toBe(true)
    expect(flushes[1]).toEqual([{ kind: 'whole', context: 'projects', mutationId: id, source: 'response' }])
    expect(flushes).toHaveLength(2)
  })

  it('apply the held echo of a write whose answer never came, since the write may have happened', async () => {
    const wire = mockEventStream(server, url)
    server.use(
      http.post(`${url}/m/renameProject`, async ({ request }) => {
        const id = request.headers.get('mizan-mutation-id')!
        wire.streams[0]!.notice(id, [{ kind: 'exact', context: 'project', params: { id: 1 } }])
        wire.streams[0]!.notice(otherWrite, [{ kind: 'whole', context: 'search' }])
        // The connection drops after the server committed and announced the write.
        await until(() => flushes.length === 1, 'the event after the echo')
        return HttpResponse.error()
      }),
    )
    const client = liveClient()
    const flushes = recordFlushes(client.$scheduler)
    await until(isOpen(client))
    await expect(client.renameProject.mutate({ id: 1, name: 'a' })).rejects.toMatchObject({ code: 'NETWORK' })
    await until(() => flushes.length === 2, 'the held echo')
    expect(flushes[1]).toEqual([{ kind: 'exact', context: 'project', params: { id: 1 }, mutationId: expect.any(String), source: 'stream' }])
  })

  it('drop malformed events with a warning, and go on with the next ones', async () => {
    const warnings = spyWarnings()
    const wire = mockEventStream(server, url)
    const client = liveClient()
    const flushes = recordFlushes(client.$scheduler)
    await until(isOpen(client))
    const stream = wire.streams[0]!
    stream.send('not json')
    stream.send(JSON.stringify({ invalidate: [{ kind: 'all' }] }))
    stream.send(JSON.stringify([{ id: 'x', invalidate: [] }]))
    stream.notice('bad-directives-000001', { kind: 'all' })
    stream.notice('mixed-directives-00001', [{ kind: 'whole' }, { kind: 'whole', context: 'projects' }, null])
    await until(() => flushes.length === 1)
    expect(flushes).toEqual([[{ kind: 'whole', context: 'projects', mutationId: 'mixed-directives-00001', source: 'stream' }]])
    expect(warnings.messages).toEqual([
      expect.stringContaining('an event that is not JSON'),
      expect.stringContaining('an event that is not a notice'),
      expect.stringContaining('an event that is not a notice'),
      expect.stringContaining('invalidation directives that are not a list'),
      expect.stringContaining('a malformed invalidation directive'),
      expect.stringContaining('a malformed invalidation directive'),
    ])
    expect(client.$events?.status).toBe('open')
    expect(wire.streams).toHaveLength(1)
  })

  it('refetch everything for an event too big to parse, with a warning', async () => {
    const warnings = spyWarnings()
    const wire = mockEventStream(server, url)
    const client = liveClient()
    const flushes = recordFlushes(client.$scheduler)
    await until(isOpen(client))
    wire.streams[0]!.notice('huge-write-0000000001', [{ kind: 'whole', context: 'x'.repeat(1024 * 1024) }])
    await until(() => flushes.length === 1)
    expect(flushes).toEqual([[{ kind: 'all', mutationId: undefined, source: 'stream' }]])
    expect(warnings.messages).toEqual([expect.stringContaining('at most 1048576 are parsed')])
  })

  it('apply a write once, however often its notice comes', async () => {
    const wire = mockEventStream(server, url)
    const client = liveClient()
    const flushes = recordFlushes(client.$scheduler)
    await until(isOpen(client))
    wire.streams[0]!.notice(otherWrite, [{ kind: 'whole', context: 'projects' }])
    wire.streams[0]!.notice(otherWrite, [{ kind: 'whole', context: 'projects' }])
    wire.streams[0]!.notice('the-next-write-000001', [{ kind: 'whole', context: 'search' }])
    await until(() => flushes.flat().length === 2)
    expect(flushes.flat().map((directive) => directive.mutationId)).toEqual([otherWrite, 'the-next-write-000001'])
  })
})

describe('reconnecting', () => {
  // Fake timers for the backoff only; Math.random at 0 makes each delay half its step.
  const fakeTimers = () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    vi.spyOn(Math, 'random').mockReturnValue(0)
  }

  it('reconnects after a drop with exponential backoff, and refetches everything once per reconnect', async () => {
    fakeTimers()
    const wire = mockEventStream(server, url)
    const client = liveClient({}, { backoff: { initialMs: 1000, maxMs: 4000 } })
    const flushes = recordFlushes(client.$scheduler)
    await until(isOpen(client))
    expect(flushes).toEqual([])

    wire.streams[0]!.end()
    await until(() => client.$events?.status === 'connecting')
    await vi.advanceTimersByTimeAsync(499)
    expect(wire.streams).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    await until(isOpen(client))
    expect(wire.streams).toHaveLength(2)
    await until(() => flushes.length === 1)
    expect(flushes).toEqual([[{ kind: 'all', mutationId: undefined, source: 'stream' }]])

    // Dropped again at once: the delay doubles.
    wire.streams[1]!.end()
    await until(() => client.$events?.status === 'connecting')
    await vi.advanceTimersByTimeAsync(999)
    expect(wire.streams).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(1)
    await until(isOpen(client))
    await until(() => flushes.length === 2)
    expect(flushes[1]).toEqual([{ kind: 'all', mutationId: undefined, source: 'stream' }])

    // Up for a while (healthy): the next drop backs off from the start again.
    await vi.advanceTimersByTimeAsync(10_000)
    wire.streams[2]!.end()
    await until(() => client.$events?.status === 'connecting')
    await vi.advanceTimersByTimeAsync(500)
    await until(isOpen(client))
    expect(wire.streams).toHaveLength(4)
    await until(() => flushes.length === 3)
    expect(flushes.flat()).toHaveLength(3)
  })

  it('stops for good after a 404, with one warning', async () => {
    fakeTimers()
    const warnings = spyWarnings()
    const wire = mockEventStream(server, url)
    wire.refuseNext(404)
    const client = liveClient()
    await until(() => client.$events?.status === 'stopped')
    await vi.advanceTimersByTimeAsync(120_000)
    expect(wire.streams).toHaveLength(1)
    expect(warnings.messages).toEqual([expect.stringContaining('was refused (HTTP 404)')])
  })

  it('backs off after a 429, then connects and refetches everything', async () => {
    fakeTimers()
    const wire = mockEventStream(server, url)
    wire.refuseNext(429)
    const client = liveClient()
    const flushes = recordFlushes(client.$scheduler)
    await until(() => wire.streams.length === 1 && client.$events?.status === 'connecting')
    await vi.advanceTimersByTimeAsync(249)
    expect(wire.streams).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    await until(isOpen(client))
    await until(() => flushes.length === 1)
    expect(flushes).toEqual([[{ kind: 'all', mutationId: undefined, source: 'stream' }]])
  })

  it('ends a connection whose unfinished event outgrows the bound, and refetches everything after reconnecting', async () => {
    fakeTimers()
    const wire = mockEventStream(server, url)
    const client = liveClient()
    const flushes = recordFlushes(client.$scheduler)
    await until(isOpen(client))
    wire.streams[0]!.write(`event: invalidate\ndata: ${'x'.repeat(1024 * 1024)}`)
    await until(() => client.$events?.status === 'connecting')
    expect(wire.streams[0]!.released).toBe(true)
    await vi.advanceTimersByTimeAsync(250)
    await until(() => flushes.length === 1)
    expect(flushes).toEqual([[{ kind: 'all', mutationId: undefined, source: 'stream' }]])
  })
})

describe('the EventSource transport', () => {
  it('is taken when there is an EventSource and no client headers', async () => {
    const { EventSource } = await import('eventsource')
    const opened: string[] = []
    class Recorded extends EventSource {
      constructor(url: string | URL, init?: { withCredentials?: boolean }) {
        super(url, init)
        opened.push(`${String(url)} ${init?.withCredentials ?? false}`)
      }
    }
    const wire = mockEventStream(server, url)
    const client = liveClient({ credentials: 'include' }, { EventSource: Recorded })
    const flushes = recordFlushes(client.$scheduler)
    await until(isOpen(client))
    wire.streams[0]!.notice(otherWrite, [{ kind: 'whole', context: 'projects' }])
    await until(() => flushes.length === 1)
    expect(flushes).toEqual([[{ kind: 'whole', context: 'projects', mutationId: otherWrite, source: 'stream' }]])
    // withCredentials follows `credentials: 'include'` (the package applies it only in browsers).
    expect(opened).toEqual([`${url}/events true`])
  })

  it('goes on with fetch after a refusal it cannot see the status of, so a 404 stops it', async () => {
    const warnings = spyWarnings()
    // A browser's EventSource: a refusal says no status, it only closes.
    let created = 0
    class Refused {
      readyState = 0
      onopen: ((event: Event) => unknown) | null = null
      onerror: ((event: Event) => unknown) | null = null
      constructor() {
        created++
        queueMicrotask(() => {
          this.readyState = 2
          this.onerror?.(new Event('error'))
        })
      }
      addEventListener() {}
      close() {
        this.readyState = 2
      }
    }
    vi.spyOn(Math, 'random').mockReturnValue(0)
    const wire = mockEventStream(server, url)
    wire.refuseNext(404)
    const client = liveClient({}, { EventSource: Refused, backoff: { initialMs: 2 } })
    await until(() => client.$events?.status === 'stopped')
    expect(created).toBe(1)
    expect(wire.streams).toHaveLength(1)
    expect(warnings.messages).toEqual([expect.stringContaining('HTTP 404')])
  })
})

describe('$close()', () => {
  it('ends the stream and leaves no timer behind, pending reconnect included', async () => {
    const wire = mockEventStream(server, url)
    // The reconnect timer is told apart from the HTTP stack's own timers by its delay (30-60 s
    // here): closing must clear each one the client started.
    const reconnects: unknown[] = []
    const setTimer = globalThis.setTimeout
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((handler: () => void, ms?: number, ...rest: unknown[]) => {
      const timer = setTimer(handler, ms, ...rest)
      if ((ms ?? 0) >= 10_000) reconnects.push(timer)
      return timer
    }) as typeof setTimeout)
    const cleared = vi.spyOn(globalThis, 'clearTimeout')
    const client = liveClient({}, { backoff: { initialMs: 60_000, maxMs: 60_000 } })
    await until(isOpen(client))
    wire.streams[0]!.end()
    await until(() => client.$events?.status === 'connecting')
    await until(() => reconnects.length === 1, 'the reconnect timer')
    client.$close()
    expect(cleared).toHaveBeenCalledWith(reconnects[0])
    expect(client.$events?.status).toBe('closed')

    const open = liveClient()
    await until(isOpen(open))
    expect(wire.streams[1]!.released).toBe(false)
    open.$close()
    await until(() => wire.streams[1]!.released, 'the stream to be released')
    expect(reconnects).toHaveLength(1)
  })

  it('is there, and does nothing, on a client without live events', () => {
    const client = createClient<AppRouter>({ url })
    expect(client.$events).toBeUndefined()
    expect(() => client.$close()).not.toThrow()
  })
})
