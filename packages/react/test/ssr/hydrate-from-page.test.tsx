import { cleanup, render, screen } from '@testing-library/react'
import { QueryClient } from '@tanstack/react-query'
import { StrictMode } from 'react'
import superjson from 'superjson'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createNamedProvider, hydrateFromPage, MizanProvider } from '../../src/index.ts'
import type { SsrState } from '../../src/index.ts'
import { createMizanServer, dehydratePage, ssrDataScript } from '../../src/server/index.ts'
import { createApp } from '../fixtures/app-router.ts'
import { ProjectItem } from '../fixtures/project-item.tsx'
import { serveDuringTests } from '../fixtures/server.ts'
import { createTestClients, logAfterMarker, mizan } from '../fixtures/setup.tsx'

const live = serveDuringTests()
afterEach(() => {
  cleanup()
  document.body.innerHTML = ''
  live.current.reset()
})

const ProjectKit = createNamedProvider(mizan.project)
function Title() {
  return <h1>{ProjectKit.useData().label}</h1>
}

const tenMinutes = 10 * 60_000

/**
 * What a server render leaves in the page: projects 1 and 2 prefetched through the router (its
 * own instance: those reads are not the HTTP server's), as the tag. `clockOffset` is how far the
 * server's clock is from the browser's.
 */
async function serverPage({ clockOffset = 0 } = {}) {
  const queryClient = new QueryClient()
  const server = createMizanServer({ router: createApp().router, ctx: {} })
  await queryClient.prefetchQuery(server.project.queryOptions({ id: 1, page: 1 }))
  await queryClient.prefetchQuery(server.project.queryOptions({ id: 2, page: 1 }))
  const { state, transformer } = dehydratePage(queryClient)
  const skewed: SsrState = {
    ...state,
    queries: state.queries.map((query) => ({
      ...query,
      dehydratedAt: query.dehydratedAt + clockOffset,
      state: { ...query.state, dataUpdatedAt: query.state.dataUpdatedAt + clockOffset },
    })),
  }
  document.body.innerHTML = ssrDataScript(skewed, transformer)
}

// An ordinary query of project 1, and a named provider of project 2.
function page(clients: ReturnType<typeof createTestClients>) {
  return (
    <MizanProvider client={clients.client} queryClient={clients.queryClient} hydrate={hydrateFromPage}>
      <ul>
        <ProjectItem id={1} page={1} />
      </ul>
      <ProjectKit.Provider params={{ id: 2, page: 1 }} fallback={<p>loading</p>}>
        <Title />
      </ProjectKit.Provider>
    </MizanProvider>
  )
}

const mount = (clients: ReturnType<typeof createTestClients>) => render(page(clients))

describe('hydration from the page', () => {
  it('shows SSR data at once and reads nothing on mount, though the server clock is ten minutes behind; a write still refetches', async () => {
    await serverPage({ clockOffset: -tenMinutes })
    const clients = createTestClients(live.current.url)
    mount(clients)
    // On the first render: no fallback, no loading.
    expect(screen.getByText('project 1 page 1')).toBeTruthy()
    expect(screen.getByText('project 2 page 1')).toBeTruthy()
    expect(await logAfterMarker(clients, live.current.log)).toEqual({ reads: [], bundles: 0 })

    live.current.reset()
    await clients.client.touchAll.mutate()
    const after = await logAfterMarker(clients, live.current.log)
    expect(after.reads.toSorted()).toEqual(['project 1/1', 'project 2/1'])
    expect(after.bundles).toBe(1)
  })

  it('hydrates under StrictMode too, with no read', async () => {
    await serverPage()
    const clients = createTestClients(live.current.url)
    render(<StrictMode>{page(clients)}</StrictMode>)
    expect(screen.getByText('project 2 page 1')).toBeTruthy()
    expect(await logAfterMarker(clients, live.current.log)).toEqual({ reads: [], bundles: 0 })
  })

  it('hydrates a QueryClient once: a later call leaves newer data alone', async () => {
    await serverPage()
    const { queryClient } = createTestClients(live.current.url)
    hydrateFromPage(queryClient, superjson)
    const key = mizan.project.queryKey({ id: 1, page: 1 })
    expect(queryClient.getQueryData(key)?.label).toBe('project 1 page 1')
    queryClient.setQueryData(key, (old) => old && { ...old, label: 'changed here' })
    hydrateFromPage(queryClient, superjson)
    expect(queryClient.getQueryData(key)?.label).toBe('changed here')
  })

  it('gives a QueryClient made after the page data was used nothing: it reads what it needs', async () => {
    await serverPage()
    const first = createTestClients(live.current.url)
    const { unmount } = mount(first)
    expect(await logAfterMarker(first, live.current.log)).toEqual({ reads: [], bundles: 0 })
    unmount()

    live.current.reset()
    const second = createTestClients(live.current.url)
    mount(second)
    expect(screen.getAllByText('loading')).toHaveLength(2)
    expect(await screen.findByText('project 2 page 1')).toBeTruthy()
    expect((await logAfterMarker(second, live.current.log)).reads.toSorted()).toEqual(['project 1/1', 'project 2/1'])
  })

  it('reports a tag it cannot read, and the queries fetch', async () => {
    document.body.innerHTML = '<script id="__MIZAN_SSR_DATA__" type="application/json">{"json":{"queries":7}}</script>'
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      const clients = createTestClients(live.current.url)
      mount(clients)
      expect(await screen.findByText('project 2 page 1')).toBeTruthy()
      expect(error).toHaveBeenCalledTimes(1)
      expect(String(error.mock.calls[0]?.[0])).toMatch(/could not be read/)
      expect((await logAfterMarker(clients, live.current.log)).reads.toSorted()).toEqual(['project 1/1', 'project 2/1'])
    } finally {
      error.mockRestore()
    }
  })
})
