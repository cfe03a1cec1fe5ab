import { describe, expect, it } from 'vitest'
import { mutationIdHeader } from '../../src/protocol/index.ts'
import { openSession } from '../fixtures/session.ts'
import { waitFor } from '../fixtures/wait-for.ts'
import { closePerTest } from './events-app.ts'
import { fetchEventsApp } from './fetch-events-app.ts'

const open = closePerTest()

describe('Fetch adapter: GET /events', () => {
  it('streams the writes made through it', async () => {
    const { handler, viaHandler } = fetchEventsApp(open)
    const bob = open.listen('http://app.test/mizan/events', 'bob', viaHandler)
    await bob.opened
    const chosen = 'fetch-write-0123456789'
    const session = await openSession(() => handler(new Request('http://app.test/mizan/session')))
    const response = await handler(
      new Request('http://app.test/mizan/m/renameBoard', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-user': 'alice', [mutationIdHeader]: chosen, ...session.headers },
        body: JSON.stringify({ json: { id: 1, title: 'T' } }),
      }),
    )
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ id: chosen })
    await waitFor(() => bob.notices.length === 1)
    expect(bob.notices[0]).toMatchObject({ id: chosen, directives: [{ kind: 'exact', context: 'board', params: { id: 1 } }] })
  })

  it('answers with the event-stream headers and a first chunk at once', async () => {
    const { handler } = fetchEventsApp(open)
    const response = await handler(new Request('http://app.test/mizan/events'))
    expect(response.status).toBe(200)
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
      'x-content-type-options': 'nosniff',
    })
    const reader = response.body!.getReader()
    const first = await reader.read()
    expect(new TextDecoder().decode(first.value)).toBe('retry: 2000\n: connected\n\n')
    await reader.cancel()
  })

  it('ends the stream and forgets it when the body is cancelled', async () => {
    const { handler, hub } = fetchEventsApp(open)
    const response = await handler(new Request('http://app.test/mizan/events'))
    const reader = response.body!.getReader()
    await reader.read()
    // A pull waiting for the next frame while the client goes away.
    const pending = reader.read()
    expect(hub.size).toBe(1)
    await reader.cancel()
    expect(await pending).toEqual({ done: true, value: undefined })
    expect(hub.size).toBe(0)
  })

  it("ends the stream and forgets it when the request's signal aborts", async () => {
    const { handler, hub } = fetchEventsApp(open)
    const controller = new AbortController()
    const response = await handler(new Request('http://app.test/mizan/events', { signal: controller.signal }))
    const reader = response.body!.getReader()
    await reader.read()
    expect(hub.size).toBe(1)
    controller.abort()
    expect(hub.size).toBe(0)
    expect(await reader.read()).toEqual({ done: true, value: undefined })
  })
})
