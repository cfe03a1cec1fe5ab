import { cleanup, render } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { FlushedDirective } from '@mizan/client'
import { MizanProvider } from '../src/index.ts'
import { ProjectItem } from './fixtures/project-item.tsx'
import { serveDuringTests } from './fixtures/server.ts'
import { createTestClients, mizan, settle } from './fixtures/setup.tsx'

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
    await settle(() => live.current.log.reads.length === 3 && queryClient.isFetching() === 0)
    live.current.reset()

    await Promise.all([client.touchOne.mutate({ id: 1, page: 1 }), client.touchOne.mutate({ id: 2, page: 1 })])
    await settle(() => live.current.log.reads.length >= 2 && queryClient.isFetching() === 0)
    expect(flushes).toHaveLength(1)
    expect(flushes[0]!.map((d) => d.kind === 'exact' && d.params)).toEqual([
      { id: 1, page: 1 },
      { id: 2, page: 1 },
    ])
    expect(live.current.log.reads.sort()).toEqual(['project 1/1', 'project 2/1'])
    expect(live.current.log.bundles).toBe(1)
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
    await settle(() => live.current.log.reads.length === 2 && queryClient.isFetching() === 0)
    view.rerender(page(false)) // project 5 is now cached but inactive
    live.current.reset()

    await client.touchAll.mutate()
    await settle(() => live.current.log.reads.length >= 1 && queryClient.isFetching() === 0)
    expect(live.current.log.reads).toEqual(['project 1/1'])
    const inactive = queryClient.getQueryCache().find({ queryKey: mizan.project.queryKey({ id: 5, page: 1 }), exact: true })!
    expect(inactive.state.isInvalidated).toBe(true)
    expect(inactive.isStale()).toBe(true)

    live.current.reset()
    view.rerender(page(true))
    await settle(() => live.current.log.reads.length >= 1 && queryClient.isFetching() === 0)
    expect(live.current.log.reads).toEqual(['project 5/1'])
  })
})
