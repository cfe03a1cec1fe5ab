import { describe, expect, it } from 'vitest'
import { initMizan } from '../../src/index.ts'
import { waitFor } from '../fixtures/wait-for.ts'
import { closePerTest, createEventsApp } from './events-app.ts'
import type { EventsAppOptions } from './events-app.ts'

const open = closePerTest()

async function setup(options: EventsAppOptions = {}) {
  const app = createEventsApp(options)
  open.own(() => app.m.close())
  const served = await open.serve(app.router)
  return { ...app, ...served, events: `${served.base}/mizan/events` }
}

/** Reads a raw stream until its text holds `expected`. */
async function readUntil(response: Response, expected: string): Promise<string> {
  const reader = response.body!.getReader()
  const decoder = new TextDecoder()
  let text = ''
  while (!text.includes(expected)) {
    const { done, value } = await reader.read()
    if (done) throw new Error(`The stream ended before "${expected}": ${JSON.stringify(text)}`)
    text += decoder.decode(value, { stream: true })
  }
  await reader.cancel()
  return text
}

describe('GET /events over Express', () => {
  it('answers with the event-stream headers and the first chunk at once', async () => {
    const { events } = await setup()
    const response = await fetch(events)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform')
    expect(response.headers.get('x-accel-buffering')).toBe('no')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('content-length')).toBeNull()
    expect(await readUntil(response, ': connected\n\n')).toBe('retry: 2000\n: connected\n\n')
  })

  it('sends heartbeat comments on an idle stream, every heartbeatMs', async () => {
    const { events } = await setup({ eventStream: { heartbeatMs: 20 } })
    const text = await readUntil(await fetch(events), ': ping\n\n: ping\n\n')
    expect(text).toBe('retry: 2000\n: connected\n\n: ping\n\n: ping\n\n')
  })

  it('forgets a stream whose client went away', async () => {
    const { events, hub } = await setup()
    const alice = open.listen(events, 'alice')
    const controller = new AbortController()
    const raw = await fetch(events, { signal: controller.signal, headers: { 'x-user': 'alice' } })
    await alice.opened
    expect(raw.status).toBe(200)
    await waitFor(() => hub.size === 2)
    alice.close()
    await waitFor(() => hub.size === 1)
    controller.abort()
    await waitFor(() => hub.size === 0)
  })

  it("refuses a user's stream past maxConnectionsPerUser, and any past maxConnections, with 429", async () => {
    const { events, hub } = await setup({ eventStream: { maxConnectionsPerUser: 2, maxConnections: 3 } })
    const tabs = [open.listen(events, 'alice'), open.listen(events, 'alice')]
    await Promise.all(tabs.map((tab) => tab.opened))
    const third = await fetch(events, { headers: { 'x-user': 'alice' } })
    expect(third.status).toBe(429)
    expect(await third.json()).toMatchObject({ error: { code: 'TOO_MANY_REQUESTS', message: expect.stringContaining('This user has 2 event streams open') } })
    const bob = open.listen(events, 'bob')
    await bob.opened
    for (const user of ['carol', undefined]) {
      const refused = await fetch(events, { headers: user === undefined ? {} : { 'x-user': user } })
      expect(refused.status).toBe(429)
      expect(await refused.json()).toMatchObject({ error: { code: 'TOO_MANY_REQUESTS', message: expect.stringContaining('holds 3 event streams') } })
    }
    // A stream that ends frees its place.
    tabs[0]!.close()
    await waitFor(() => hub.size === 2)
    const again = open.listen(events, 'carol')
    await again.opened
  })

  it('answers 405 to other methods', async () => {
    const { events } = await setup()
    const response = await fetch(events, { method: 'POST' })
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('GET')
  })

  it('answers 404 with a clear message when the router has no event bus', async () => {
    const m = initMizan.create()
    const served = await open.serve(m.router({ ping: m.context.query(() => 1) }))
    const response = await fetch(`${served.base}/mizan/events`)
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ error: { code: 'NOT_FOUND', message: expect.stringContaining('Events are not enabled') } })
  })

  it('refuses eventStream settings without a bus, and settings that are not limits', () => {
    expect(() => initMizan.create({ eventStream: { heartbeatMs: 10 } })).toThrow(/need an event bus/)
    expect(() => createEventsApp({ eventStream: { heartbeatMs: 0 } })).toThrow(/heartbeatMs/)
    expect(() => createEventsApp({ eventStream: { maxConnections: 1.5 } })).toThrow(/maxConnections/)
  })
})
