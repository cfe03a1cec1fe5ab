import superjson from 'superjson'
import * as z from 'zod'
import { EventSource } from 'eventsource'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { initMizan, memoryEvents } from '@mizan/server'
import { createClient, csrfSession, liveEvents } from '../src/index.ts'
import type { LiveEventsOptions, MizanClient } from '../src/index.ts'
import { recordFlushes } from './fixtures/mock-wire.ts'
import { serveRouter } from './fixtures/serve-router.ts'
import { until } from './fixtures/until.ts'

// Live events against Mizan's own server: its `GET /events` stream on a real Express server,
// with `memoryEvents()`. Public contexts reach every stream.
const m = initMizan.context<object>().create({ transformer: superjson, events: memoryEvents() })
const project = m.context.input(z.object({ id: z.number() })).scope('public').query(({ input }) => ({ id: input.id }))
const projects = m.context.scope('public').query(() => [{ id: 1 }])
const renameProject = m.mutation
  .input(z.object({ id: z.number(), name: z.string() }))
  .run(({ input }) => input)
  .invalidates(({ input }) => [projects, project({ id: input.id })])
const router = m.router({ project, projects, renameProject })
type Router = typeof router

let served: Awaited<ReturnType<typeof serveRouter>>
beforeAll(async () => {
  served = await serveRouter(router)
})
afterAll(async () => {
  await m.close()
  await served.close()
})
const clients: Array<MizanClient<Router>> = []
afterEach(() => {
  for (const client of clients.splice(0)) client.$close()
})

function liveClient(events: LiveEventsOptions = {}) {
  const client = createClient<Router>({ session: csrfSession(), url: served.url, transformer: superjson, events: liveEvents(events) })
  clients.push(client)
  return { client, flushes: recordFlushes(client.$scheduler) }
}
const isOpen = (client: MizanClient<Router>) => () => client.$events?.status === 'open'

describe.each([
  ['fetch', {}],
  ['EventSource', { EventSource }],
] as const)('live events from a Mizan server (%s transport)', (_name, events) => {
  it("bring one client's write to another, while the writer applies its answer and ignores the echo", async () => {
    const writer = liveClient(events)
    const reader = liveClient(events)
    await until(() => isOpen(writer.client)() && isOpen(reader.client)())

    await writer.client.renameProject.mutate({ id: 7, name: 'Apollo' })
    await until(() => reader.flushes.length === 1, 'the event to reach the other client')
    const id = writer.flushes[0]![0]!.mutationId
    const directives = [
      { kind: 'whole', context: 'projects', mutationId: id },
      { kind: 'exact', context: 'project', params: { id: 7 }, mutationId: id },
    ]
    expect(writer.flushes).toEqual([directives.map((directive) => ({ ...directive, source: 'response' }))])
    expect(reader.flushes).toEqual([directives.map((directive) => ({ ...directive, source: 'stream' }))])

    // Once the reader has a later write, the writer has had both echoes, and ignored its own.
    await reader.client.renameProject.mutate({ id: 8, name: 'Gemini' })
    await until(() => writer.flushes.length === 2)
    expect(writer.flushes[1]!.map((directive) => directive.source)).toEqual(['stream', 'stream'])
    expect(writer.flushes).toHaveLength(2)
  })
})

describe('a client of a Mizan server', () => {
  it('reconnects when its stream is cut, and refetches everything once', async () => {
    const { client, flushes } = liveClient({ backoff: { initialMs: 20, maxMs: 20 } })
    await until(isOpen(client))
    served.cutConnections()
    await until(() => client.$events?.status === 'connecting')
    await until(isOpen(client))
    await until(() => flushes.length === 1)
    expect(flushes).toEqual([[{ kind: 'all', mutationId: undefined, source: 'stream' }]])
  })

  it('leaves no connection of its own open after $close()', async () => {
    const { client } = liveClient()
    await until(isOpen(client))
    // Sockets of this process, less the server's: the client's own.
    const clientSockets = async () => process.getActiveResourcesInfo().filter((resource) => resource === 'TCPSocketWrap').length - (await served.connections())
    expect(await clientSockets()).toBe(1)
    client.$close()
    let left = 1
    await until(() => {
      void clientSockets().then((count) => (left = count))
      return left === 0
    }, 'the stream socket to close')
    expect(client.$events?.status).toBe('closed')
  })
})
