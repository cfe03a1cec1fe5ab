import { hashKey } from '@tanstack/react-query'
import { cleanup, render } from '@testing-library/react'
import superjson from 'superjson'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { canonicalForm, inspect, stableKey } from '@mizan/client'
import type { InspectEvent } from '@mizan/client'
import { inspectTracers } from '../src/devtools/index.ts'
import { infiniteMarker, MizanProvider } from '../src/index.ts'
import { ProjectItem } from './fixtures/project-item.tsx'
import { serveDuringTests } from './fixtures/server.ts'
import { createTestClients, mizan, projectUpdates } from './fixtures/setup.tsx'

const live = serveDuringTests()
afterEach(cleanup)

/** Project 1/1 mounted (active), project 2/1 only cached (inactive), both fetched. */
async function mountedPage() {
  const clients = createTestClients(live.current.url)
  const { client, queryClient } = clients
  render(
    <MizanProvider client={client} queryClient={queryClient}>
      <ProjectItem id={1} page={1} />
    </MizanProvider>,
  )
  await queryClient.fetchQuery(mizan.project.queryOptions({ id: 2, page: 1 }))
  await vi.waitFor(() => expect(projectUpdates(queryClient, { id: 1, page: 1 })).toBe(1))
  return clients
}

describe('the flush path reports to inspect(client)', () => {
  it("names a write's directive with its source, the queries it hit, refetched or stale, and the request the refetch took", async () => {
    const { client, queryClient } = await mountedPage()
    const events: InspectEvent[] = []
    inspect(client).subscribe((event) => events.push(event), inspectTracers)
    await client.touchAll.mutate()
    await vi.waitFor(() => expect(events.filter((event) => event.type === 'response')).toHaveLength(1))

    expect(events.map((event) => event.type)).toEqual(['mutation', 'flush', 'request', 'response'])
    const [mutation, flush, request] = events as [Extract<InspectEvent, { type: 'mutation' }>, Extract<InspectEvent, { type: 'flush' }>, Extract<InspectEvent, { type: 'request' }>]
    expect(mutation).toMatchObject({ path: 'touchAll', directives: [{ kind: 'whole', context: 'project' }] })
    const active = queryClient.getQueryCache().find({ queryKey: mizan.project.queryKey({ id: 1, page: 1 }), exact: true })!
    const inactive = queryClient.getQueryCache().find({ queryKey: mizan.project.queryKey({ id: 2, page: 1 }), exact: true })!
    expect(flush.report.directives).toEqual([
      {
        directive: { kind: 'whole', context: 'project', mutationId: mutation.mutationId, source: 'response' },
        hits: expect.arrayContaining([
          { queryHash: active.queryHash, queryKey: active.queryKey, refetched: true },
          { queryHash: inactive.queryHash, queryKey: inactive.queryKey, refetched: false },
        ]),
      },
    ])
    expect(flush.report.directives[0]!.hits).toHaveLength(2)
    // The refetch went out in the next bundle, which carried its read and not the stale one's.
    expect(request.items.map((item) => [item.path, stableKey(item.input)])).toEqual([['project', stableKey(active.queryKey[2])]])
    expect(events[3]).toMatchObject({ type: 'response', id: request.id, status: 200 })
  })

  it('lists a directive that matched no cached query with no hits', async () => {
    const { client } = await mountedPage()
    const events: InspectEvent[] = []
    inspect(client).subscribe((event) => events.push(event), inspectTracers)
    await client.touchFeed.mutate({ topic: 'nobody reads this' })
    await vi.waitFor(() => expect(events.some((event) => event.type === 'flush')).toBe(true))
    const flush = events.find((event) => event.type === 'flush')!
    expect(flush.report.directives).toEqual([{ directive: expect.objectContaining({ kind: 'exact', context: 'feed', source: 'response' }), hits: [] }])
  })

  it('costs one check without a listener (or one without tracers): nothing emitted, no second lookup of the targets', async () => {
    const { client, queryClient } = await mountedPage()
    const emit = vi.spyOn(inspect(client), 'emit')
    const get = vi.spyOn(queryClient.getQueryCache(), 'get')
    // Only a flush looks up the infinite twin of an exact target: no such query exists here, so
    // React Query itself never asks for this hash.
    const twin = hashKey(['mizan', 'project', canonicalForm({ id: 1, page: 1 }, superjson), infiniteMarker])
    const twinLookups = () => get.mock.calls.filter(([hash]) => hash === twin).length
    await client.touchOne.mutate({ id: 1, page: 1 })
    await vi.waitFor(() => expect(projectUpdates(queryClient, { id: 1, page: 1 })).toBe(2))
    expect(emit).not.toHaveBeenCalled()
    expect(twinLookups()).toBe(1)

    // A listener without tracers hears the mutation, and the flush still is not traced.
    const heard: string[] = []
    const stop = inspect(client).subscribe((event) => heard.push(event.type))
    await client.touchOne.mutate({ id: 1, page: 1 })
    await vi.waitFor(() => expect(projectUpdates(queryClient, { id: 1, page: 1 })).toBe(3))
    expect(twinLookups()).toBe(2)
    expect(heard).toEqual(['mutation'])
    stop()

    // With a listener bringing the tracers the same flush is traced too: the count tells the two paths apart.
    inspect(client).subscribe(() => {}, inspectTracers)
    await client.touchOne.mutate({ id: 1, page: 1 })
    await vi.waitFor(() => expect(projectUpdates(queryClient, { id: 1, page: 1 })).toBe(4))
    expect(twinLookups()).toBe(2 + 2)
    expect(emit).toHaveBeenCalled()
  })
})
