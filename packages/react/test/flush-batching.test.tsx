import { cleanup, render } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { FlushedDirective } from '@mizan/client'
import { MizanProvider } from '../src/index.ts'
import { ProjectItem } from './fixtures/project-item.tsx'
import { serveDuringTests } from './fixtures/server.ts'
import { createTestClients, logAfterMarker, mizan, projectUpdates } from './fixtures/setup.tsx'

const live = serveDuringTests()
afterEach(cleanup)
const Project = ProjectItem

describe('flushes', () => {
  it('turn two write answers resolved together into one flush and one bundled refetch', async () => {
    live.current.reset()
    // An injected fetch that holds the two mutation answers and hands them back at the same moment.
    const held: Array<() => void> = []
    const fetchTogether: typeof fetch = async (input, init) => {
      const response = await fetch(input, init)
      if (!String(input).includes('/m/')) return response
      const text = await response.text()
      await new Promise<void>((resolve) => {
        held.push(resolve)
        if (held.length === 2) for (const release of held) release()
      })
      return new Response(text, { status: response.status, headers: response.headers })
    }
    const { client, queryClient } = createTestClients(live.current.url, { fetch: fetchTogether })
    const flushes: FlushedDirective[][] = []
    client.$scheduler.subscribe((directives) => flushes.push([...directives]))
    render(
      <MizanProvider client={client} queryClient={queryClient}>
        <Project id={1} page={1} />
        <Project id={2} page={1} />
        <Project id={3} page={1} />
      </MizanProvider>,
    )
    await vi.waitFor(() => {
      expect(live.current.log.reads).toHaveLength(3)
      expect(queryClient.isFetching()).toBe(0)
    })
    live.current.reset()

    await Promise.all([client.touchOne.mutate({ id: 1, page: 1 }), client.touchOne.mutate({ id: 2, page: 1 })])
    // Both refetches completed, then a later read answered: a second flush or request would show.
    await vi.waitFor(() => expect([projectUpdates(queryClient, { id: 1, page: 1 }), projectUpdates(queryClient, { id: 2, page: 1 })]).toEqual([2, 2]))
    const log = await logAfterMarker({ client, queryClient }, live.current.log)
    expect(flushes).toHaveLength(1)
    expect(flushes[0]!.map((d) => d.kind === 'exact' && d.params)).toEqual([
      { id: 1, page: 1 },
      { id: 2, page: 1 },
    ])
    expect(log.reads.sort()).toEqual(['project 1/1', 'project 2/1'])
    expect(log.bundles).toBe(1)
    expect(projectUpdates(queryClient, { id: 3, page: 1 })).toBe(1)
  })

  it('mark inactive queries stale without refetching them; they refetch on their next mount', async () => {
    live.current.reset()
    const { client, queryClient } = createTestClients(live.current.url)
    const page = (show: boolean) => (
      <MizanProvider client={client} queryClient={queryClient}>
        <Project id={1} page={1} />
        {show && <Project id={5} page={1} />}
      </MizanProvider>
    )
    const view = render(page(true))
    await vi.waitFor(() => {
      expect(live.current.log.reads).toHaveLength(2)
      expect(queryClient.isFetching()).toBe(0)
    })
    view.rerender(page(false)) // project 5 is now cached but inactive
    live.current.reset()

    await client.touchAll.mutate()
    // The active query's refetch completed, then a later read answered: a refetch of 5 would show.
    await vi.waitFor(() => expect(projectUpdates(queryClient, { id: 1, page: 1 })).toBe(2))
    expect((await logAfterMarker({ client, queryClient }, live.current.log)).reads).toEqual(['project 1/1'])
    expect(projectUpdates(queryClient, { id: 5, page: 1 })).toBe(1)
    const inactive = queryClient.getQueryCache().find({ queryKey: mizan.project.queryKey({ id: 5, page: 1 }), exact: true })!
    expect(inactive.state.isInvalidated).toBe(true)
    expect(inactive.isStale()).toBe(true)

    live.current.reset()
    view.rerender(page(true))
    await vi.waitFor(() => expect(projectUpdates(queryClient, { id: 5, page: 1 })).toBe(2))
    expect((await logAfterMarker({ client, queryClient }, live.current.log)).reads).toEqual(['project 5/1'])
  })
})
