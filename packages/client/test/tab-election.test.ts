import { http, HttpResponse } from 'msw'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createClient, liveEvents } from '../src/index.ts'
import type { MizanClient } from '../src/index.ts'
import type { AppRouter } from './fixtures/app-router.ts'
import { createFakeWebLocks } from './fixtures/fake-web-locks.ts'
import { mockEventStream } from './fixtures/mock-event-stream.ts'
import { mockWire, recordFlushes, tick } from './fixtures/mock-wire.ts'
import { until } from './fixtures/until.ts'

// One stream per browser: with Web Locks (faked here, Node has none; its BroadcastChannel is
// real), clients of one server elect a holder that relays the stream to the others. Each client
// plays a tab. The real thing runs in Chromium in test/browser/.
const { server, url } = mockWire()
const tabs: Array<MizanClient<AppRouter>> = []
let fakeLocks: ReturnType<typeof createFakeWebLocks>
beforeEach(() => {
  fakeLocks = createFakeWebLocks()
  vi.stubGlobal('navigator', { locks: fakeLocks.locks })
})
afterEach(() => {
  for (const tab of tabs.splice(0)) tab.$close()
  vi.unstubAllGlobals()
})

function openTab() {
  const tab = createClient<AppRouter>({ url, events: liveEvents() })
  tabs.push(tab)
  return { tab, flushes: recordFlushes(tab.$scheduler) }
}

const statusOf = (...clients: Array<MizanClient<AppRouter>>) => clients.map((client) => client.$events?.status)

describe('tabs with Web Locks', () => {
  it('share one stream: the holder relays each write to the others, which apply it as "tab"', async () => {
    const wire = mockEventStream(server, url)
    const a = openTab()
    const b = openTab()
    await until(() => statusOf(a.tab, b.tab).join() === 'open,following')
    expect(wire.streams).toHaveLength(1)
    wire.streams[0]!.notice('written-elsewhere-001', [{ kind: 'exact', context: 'project', params: { id: 7 } }])
    await until(() => a.flushes.length === 1 && b.flushes.length === 1)
    expect(a.flushes).toEqual([[{ kind: 'exact', context: 'project', params: { id: 7 }, mutationId: 'written-elsewhere-001', source: 'stream' }]])
    expect(b.flushes).toEqual([[{ kind: 'exact', context: 'project', params: { id: 7 }, mutationId: 'written-elsewhere-001', source: 'tab' }]])
  })

  it("let a follower ignore the relayed echo of its own write, which its holder applies", async () => {
    const wire = mockEventStream(server, url)
    server.use(
      http.post(`${url}/m/renameProject`, ({ request }) => {
        const id = request.headers.get('mizan-mutation-id')!
        wire.streams[0]!.notice(id, [{ kind: 'whole', context: 'projects' }])
        return HttpResponse.json({ id, data: { id: 1, name: 'a' }, invalidate: [{ kind: 'whole', context: 'projects' }] })
      }),
    )
    const a = openTab()
    const b = openTab()
    await until(() => statusOf(a.tab, b.tab).join() === 'open,following')
    await b.tab.renameProject.mutate({ id: 1, name: 'a' })
    await tick()
    await until(() => a.flushes.length === 1)
    // A later write: once b has it, b has also seen (and ignored) the relayed echo before it.
    wire.streams[0]!.notice('written-elsewhere-002', [{ kind: 'whole', context: 'search' }])
    await until(() => b.flushes.length === 2)
    expect(a.flushes[0]).toEqual([{ kind: 'whole', context: 'projects', mutationId: expect.any(String), source: 'stream' }])
    expect(b.flushes.map((flush) => flush.map((directive) => directive.source))).toEqual([['response'], ['tab']])
    expect(b.flushes[0]![0]!.mutationId).toBe(a.flushes[0]![0]!.mutationId)
  })

  it('hand the stream over when its holder closes: the next tab connects and everyone refetches everything', async () => {
    const wire = mockEventStream(server, url)
    const a = openTab()
    const b = openTab()
    const c = openTab()
    await until(() => statusOf(a.tab, b.tab, c.tab).join() === 'open,following,following')
    a.tab.$close()
    await until(() => statusOf(b.tab, c.tab).join() === 'open,following')
    expect(wire.streams).toHaveLength(2)
    expect(wire.streams[0]!.released).toBe(true)
    await until(() => b.flushes.length === 1 && c.flushes.length === 1)
    expect(b.flushes).toEqual([[{ kind: 'all', mutationId: undefined, source: 'stream' }]])
    expect(c.flushes).toEqual([[{ kind: 'all', mutationId: undefined, source: 'tab' }]])
    expect(a.flushes).toEqual([])
    // The new holder relays.
    wire.streams[1]!.notice('written-elsewhere-003', [{ kind: 'whole', context: 'projects' }])
    await until(() => c.flushes.length === 2)
    expect(c.flushes[1]).toEqual([{ kind: 'whole', context: 'projects', mutationId: 'written-elsewhere-003', source: 'tab' }])
  })

  it('let a follower that closes stop waiting for the lock', async () => {
    const wire = mockEventStream(server, url)
    const a = openTab()
    const b = openTab()
    await until(() => statusOf(a.tab, b.tab).join() === 'open,following')
    expect(fakeLocks.waiters()).toBe(1)
    b.tab.$close()
    expect(fakeLocks.waiters()).toBe(0)
    a.tab.$close()
    await until(() => fakeLocks.held.size === 0)
    await tick()
    expect(wire.streams).toHaveLength(1)
    expect(statusOf(a.tab, b.tab)).toEqual(['closed', 'closed'])
  })
})
