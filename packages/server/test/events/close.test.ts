import { describe, expect, it } from 'vitest'
import { mizanFetch } from '../../src/adapters/fetch.ts'
import type { EventBus, ResultCache } from '../../src/index.ts'
import { memoryCache, memoryEvents } from '../../src/index.ts'
import { waitFor } from '../fixtures/wait-for.ts'
import { createEventsApp, serveExpress } from './events-app.ts'

const counted = () => process.getActiveResourcesInfo().reduce<Record<string, number>>((all, name) => ({ ...all, [name]: (all[name] ?? 0) + 1 }), {})

/** Reads a stream to its end, giving all its text. */
async function readToEnd(response: Response): Promise<string> {
  const reader = response.body!.getReader()
  const decoder = new TextDecoder()
  let text = ''
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return text
    text += decoder.decode(value, { stream: true })
  }
}

// A file of its own: the process holds nothing else of these tests, so any handle left is ours.
describe('m.close()', () => {
  it('ends every open stream, refuses new ones with 503, and leaves no open handle', async () => {
    const before = counted()
    const closed: string[] = []
    const inner = memoryEvents()
    const bus: EventBus = { ...inner, close: () => void closed.push('bus') }
    const { m, router, hub } = createEventsApp({ bus, eventStream: { heartbeatMs: 10 } })
    const served = await serveExpress(router)
    const streams = await Promise.all(['alice', 'bob', undefined].map((user) => fetch(`${served.base}/mizan/events`, { headers: user ? { 'x-user': user } : {} })))
    const texts = streams.map(readToEnd)
    await waitFor(() => hub.size === 3)
    const extra = () => Object.entries(counted()).filter(([name, count]) => count > (before[name] ?? 0))
    // The check can fail: the streams hold sockets now. (The heartbeat timer is unref'd, so it is
    // not listed here: event-hub.test.ts counts it.)
    expect(extra().map(([name]) => name)).toContain('TCPSocketWrap')

    await m.close()
    for (const text of await Promise.all(texts)) expect(text.startsWith('retry: 2000\n: connected\n\n')).toBe(true)
    expect(hub.size).toBe(0)
    expect(closed).toEqual(['bus'])
    const refused = await fetch(`${served.base}/mizan/events`)
    expect(refused.status).toBe(503)
    expect(await refused.json()).toMatchObject({ error: { code: 'SERVICE_UNAVAILABLE', message: expect.stringContaining('shutting down') } })
    await m.close() // idempotent

    await served.close()
    await waitFor(() => extra().length === 0)
  })

  it("closes the cache when it has a close, and the Fetch adapter's streams end too", async () => {
    const closed: string[] = []
    const { initMizan } = await import('../../src/index.ts')
    const cache: ResultCache = { ...memoryCache(), close: async () => void closed.push('cache') }
    const m = initMizan.context<{ user: string | null }>().create({ cache, userKey: (ctx) => ctx.user, events: memoryEvents() })
    const router = m.router({ ping: m.context.scope('public').query(() => 1) })
    const handler = mizanFetch({ router, endpoint: '/mizan', createContext: () => ({ user: null }) })
    const response = await handler(new Request('http://app.test/mizan/events'))
    const text = readToEnd(response)
    await m.close()
    expect(await text).toBe('retry: 2000\n: connected\n\n')
    expect(closed).toEqual(['cache'])
  })
})
