import superjson from 'superjson'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { canonicalForm, createClient, csrfSession, inspect, requestTracer } from '../src/index.ts'
import type { InspectEvent } from '../src/index.ts'
import type { AppRouter } from './fixtures/app-router.ts'
import { startServer } from './fixtures/server.ts'

let server: Awaited<ReturnType<typeof startServer>>
beforeAll(async () => {
  server = await startServer()
})
afterAll(() => server.close())

function inspected() {
  const client = createClient<AppRouter>({ session: csrfSession(), url: server.url, transformer: superjson })
  const events: InspectEvent[] = []
  const stop = inspect(client).subscribe((event) => events.push(event), requestTracer)
  return { client, events, stop }
}

describe('inspect(client)', () => {
  it('reports each bundled read request with its id, items, method, then its status and duration', async () => {
    const { client, events } = inspected()
    await Promise.all([client.project.query({ id: 1 }), client.project.query({ id: 2 }), client.projects.query()])
    await client.project.query({ id: 404 }, { batch: false }).catch(() => {})
    expect(events).toEqual([
      {
        type: 'request',
        id: 1,
        at: expect.any(Number),
        method: 'GET',
        items: [
          { path: 'project', input: canonicalForm({ id: 1 }, superjson) },
          { path: 'project', input: canonicalForm({ id: 2 }, superjson) },
          { path: 'projects', input: undefined },
        ],
      },
      { type: 'response', id: 1, status: 200, durationMs: expect.any(Number) },
      { type: 'request', id: 2, at: expect.any(Number), method: 'GET', items: [{ path: 'project', input: canonicalForm({ id: 404 }, superjson) }] },
      { type: 'response', id: 2, status: 200, durationMs: expect.any(Number) },
    ])
  })

  it('says which mutation path an answer (and so its directives) came from, before they flush', async () => {
    const { client, events } = inspected()
    const order: string[] = []
    client.$scheduler.subscribe(() => order.push('flush'))
    inspect(client).subscribe((event) => order.push(event.type))
    await client.renameProject.mutate({ id: 7, name: 'Seven' })
    await vi.waitFor(() => expect(order).toEqual(['mutation', 'flush']))
    const mutation = events.find((event) => event.type === 'mutation')
    expect(mutation).toEqual({
      type: 'mutation',
      path: 'renameProject',
      mutationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      directives: [
        { kind: 'whole', context: 'projects' },
        { kind: 'exact', context: 'project', params: { id: 7 } },
        { kind: 'partial', context: 'search', params: { text: 'Seven' } },
      ],
    })
  })

  it('does no work for nobody: without a listener nothing is emitted and no request id is taken', async () => {
    const { client, events, stop } = inspected()
    stop()
    const emit = vi.spyOn(inspect(client), 'emit')
    const nextRequestId = vi.spyOn(inspect(client), 'nextRequestId')
    expect(inspect(client).listening).toBe(false)
    await client.project.query({ id: 3 })
    await client.renameProject.mutate({ id: 3, name: 'Three' })
    expect(emit).not.toHaveBeenCalled()
    expect(nextRequestId).not.toHaveBeenCalled()
    expect(events).toEqual([])
    // The spies can see it: a listener with the request tracer makes the same calls emit.
    inspect(client).subscribe(() => {}, requestTracer)
    await client.project.query({ id: 3 })
    expect(nextRequestId).toHaveBeenCalledOnce()
    expect(emit).toHaveBeenCalledTimes(2)
  })

  it('keeps a throwing listener from failing the read it watches', async () => {
    const { client, events } = inspected()
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    inspect(client).subscribe(() => {
      throw new Error('broken tool')
    }, requestTracer)
    await expect(client.project.query({ id: 5 })).resolves.toMatchObject({ id: 5 })
    expect(events.map((event) => event.type)).toEqual(['request', 'response'])
    expect(logged).toHaveBeenCalledTimes(2)
    expect(logged.mock.calls[0]![1]).toHaveProperty('message', 'broken tool')
    logged.mockRestore()
  })

  it('traces requests only for a listener that brought the tracer, and only while it listens', async () => {
    const client = createClient<AppRouter>({ session: csrfSession(), url: server.url, transformer: superjson })
    const plain: InspectEvent[] = []
    inspect(client).subscribe((event) => plain.push(event))
    expect(inspect(client).tracer).toBeUndefined()
    await client.project.query({ id: 6 })
    await client.renameProject.mutate({ id: 6, name: 'Six' })
    // Mutations need no tracer; requests do.
    expect(plain.map((event) => event.type)).toEqual(['mutation'])
    const stop = inspect(client).subscribe(() => {}, requestTracer)
    expect(inspect(client).tracer?.request).toBe(requestTracer.request)
    await client.project.query({ id: 7 })
    expect(plain.map((event) => event.type)).toEqual(['mutation', 'request', 'response'])
    stop()
    expect(inspect(client).tracer).toBeUndefined()
    await client.project.query({ id: 8 })
    expect(plain).toHaveLength(3)
  })
})
