import { cleanup, render, screen } from '@testing-library/react'
import { QueryClient, useQuery } from '@tanstack/react-query'
import superjson from 'superjson'
import { afterEach, describe, expect, it } from 'vitest'
import type { LiveEvents } from '@mizan/client'
import { connectQueryClient, createMizanReact, MizanProvider } from '../src/index.ts'
import type { AppRouter } from './fixtures/app-router.ts'
import { serveDuringTests } from './fixtures/server.ts'
import { createTestClients, logAfterMarker, mizan, projectUpdates } from './fixtures/setup.tsx'

const live = serveDuringTests()
afterEach(() => {
  cleanup()
  live.current.reset()
})

// Live events as the bridge sees them (`client.$events`), without a stream: what is pinned here
// is the freshness they give, not the stream (packages/client/test/live-events.test.ts).
const connectedEvents: LiveEvents = () => ({ state: { enabled: true, status: 'open' }, ownWrite() {}, unanswered() {}, close() {} })
const tenMinutes = 10 * 60_000
const params = { id: 21, page: 1 }

function Project({ options = mizan.project.queryOptions(params) }: { options?: ReturnType<typeof mizan.project.queryOptions> }) {
  const { data } = useQuery(options)
  return <h1>{data?.label}</h1>
}

function mountWithOldData(clients: ReturnType<typeof createTestClients>, project = <Project />) {
  clients.queryClient.setQueryData(mizan.project.queryKey(params), { ...params, label: 'ten minutes old', at: new Date(0) }, { updatedAt: Date.now() - tenMinutes })
  render(
    <MizanProvider client={clients.client} queryClient={clients.queryClient}>
      {project}
    </MizanProvider>,
  )
  expect(screen.getByText('ten minutes old')).toBeTruthy()
}

describe('freshness with live events', () => {
  it('keeps Mizan data fresh until invalidated: data cached ten minutes ago is not refetched on mount', async () => {
    const clients = createTestClients(live.current.url, { events: connectedEvents })
    mountWithOldData(clients)
    expect((await logAfterMarker(clients, live.current.log)).reads).toEqual([])
    expect(projectUpdates(clients.queryClient, params)).toBe(1)

    // An invalidation still refetches it: an event stream's reconnect, say.
    live.current.reset()
    clients.client.$scheduler.enqueue([{ kind: 'all' }], undefined, 'stream')
    expect(await screen.findByText('project 21 page 1')).toBeTruthy()
    expect(live.current.log.reads).toEqual(['project 21/1'])
  })

  it('refetches the same data on mount without them (30 s by default)', async () => {
    const clients = createTestClients(live.current.url)
    mountWithOldData(clients)
    expect(await screen.findByText('project 21 page 1')).toBeTruthy()
    expect(live.current.log.reads).toEqual(['project 21/1'])
  })

  it('lets an explicit staleTime win, on the query or on the factory', async () => {
    const clients = createTestClients(live.current.url, { events: connectedEvents })
    mountWithOldData(clients, <Project options={mizan.project.queryOptions(params, { staleTime: 60_000 })} />)
    expect(await screen.findByText('project 21 page 1')).toBeTruthy()
    cleanup()

    const shortLived = createMizanReact<AppRouter>({ transformer: superjson, staleTime: 60_000 })
    const other = createTestClients(live.current.url, { events: connectedEvents })
    mountWithOldData(other, <Project options={shortLived.project.queryOptions(params)} />)
    expect(await screen.findByText('project 21 page 1')).toBeTruthy()
    expect(live.current.log.reads).toEqual(['project 21/1', 'project 21/1'])
  })

  it('follows the client: a QueryClient connected without events, after one with them, is back to 30 s', async () => {
    const queryClient = new QueryClient()
    const withEvents = createTestClients(live.current.url, { events: connectedEvents }).client
    const disconnect = connectQueryClient(queryClient, withEvents)
    queryClient.setQueryData(mizan.project.queryKey(params), { ...params, label: 'old', at: new Date(0) }, { updatedAt: Date.now() - tenMinutes })
    const query = queryClient.getQueryCache().find({ queryKey: mizan.project.queryKey(params), exact: true })!
    const staleTime = mizan.project.queryOptions(params).staleTime as unknown as (query: unknown) => number
    expect(staleTime(query)).toBe(Number.POSITIVE_INFINITY)
    disconnect()
    await Promise.resolve()
    const disconnectPlain = connectQueryClient(queryClient, createTestClients(live.current.url).client)
    expect(staleTime(query)).toBe(30_000)
    disconnectPlain()
  })
})
