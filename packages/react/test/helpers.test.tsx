import { cleanup, render, screen } from '@testing-library/react'
import { useInfiniteQuery, useSuspenseQuery } from '@tanstack/react-query'
import { Component, Suspense } from 'react'
import type { ReactNode } from 'react'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createNamedProvider, MizanProvider } from '../src/index.ts'
import { startServer } from './fixtures/server.ts'
import { createTestClients, mizan } from './fixtures/setup.tsx'

let server: Awaited<ReturnType<typeof startServer>>
beforeAll(async () => {
  server = await startServer()
})
afterAll(() => server.close())
afterEach(() => {
  cleanup()
  server.reset()
})

const ProjectKit = createNamedProvider(mizan.project)

function ProjectTitle() {
  const project = ProjectKit.useData()
  return <h1>{project.label}</h1>
}

class Catch extends Component<{ children: ReactNode }, { error?: Error }> {
  override state: { error?: Error } = {}
  static getDerivedStateFromError(error: Error) {
    return { error }
  }
  override render() {
    return this.state.error ? <p role="alert">{this.state.error.message}</p> : this.props.children
  }
}

describe('query keys', () => {
  it('are plain arrays, readable in devtools, whatever the params key order', () => {
    expect(mizan.project.queryKey({ id: 1, page: 2 })).toEqual(['mizan', 'project', { json: { id: 1, page: 2 } }])
    // The canonical form sorts keys, so the key is the same array, not only the same hash.
    expect(JSON.stringify(mizan.project.queryKey({ page: 2, id: 1 }))).toBe(JSON.stringify(mizan.project.queryKey({ id: 1, page: 2 })))
    expect(mizan.project.queryOptions({ page: 2, id: 1 }).queryKey).toEqual(mizan.project.queryKey({ id: 1, page: 2 }))
    expect(mizan.project.queryKey()).toEqual(['mizan', 'project'])
  })

  it('type the cache: setQueryData / getQueryData on a Mizan key', () => {
    const { queryClient } = createTestClients(server.url)
    const key = mizan.project.queryKey({ id: 1, page: 1 })
    queryClient.setQueryData(key, { id: 1, page: 1, label: 'seeded', at: new Date(0) })
    expect(queryClient.getQueryData(key)?.label).toBe('seeded')
    // Same hash whatever the key order of the params: the cache finds it either way.
    expect(queryClient.getQueryData(mizan.project.queryKey({ page: 1, id: 1 }))?.label).toBe('seeded')
  })
})

describe('named context providers', () => {
  it('load one context for a subtree and give it to the hook below', async () => {
    const { client, queryClient } = createTestClients(server.url)
    render(
      <MizanProvider client={client} queryClient={queryClient}>
        <ProjectKit.Provider params={{ id: 4, page: 1 }} fallback={<p>loading</p>}>
          <ProjectTitle />
        </ProjectKit.Provider>
      </MizanProvider>,
    )
    expect(screen.getByText('loading')).toBeTruthy()
    expect(await screen.findByText('project 4 page 1')).toBeTruthy()
    expect(server.log.reads).toEqual(['project 4/1'])
  })

  it('skip the fetch when fresh data is already cached (e.g. from SSR)', async () => {
    const { client, queryClient } = createTestClients(server.url)
    queryClient.setQueryData(mizan.project.queryKey({ id: 6, page: 1 }), { id: 6, page: 1, label: 'from the server render', at: new Date(0) })
    render(
      <MizanProvider client={client} queryClient={queryClient}>
        <ProjectKit.Provider params={{ id: 6, page: 1 }}>
          <ProjectTitle />
        </ProjectKit.Provider>
      </MizanProvider>,
    )
    expect(screen.getByText('from the server render')).toBeTruthy()
    // render() has run the mount effects, where a fetch would start: the query would be fetching.
    const state = () => queryClient.getQueryState(mizan.project.queryKey({ id: 6, page: 1 }))
    expect(state()).toMatchObject({ fetchStatus: 'idle', dataUpdateCount: 1 })
    expect(queryClient.isFetching()).toBe(0)
    // Still live: an invalidation refetches it, and that is the only read the server ran.
    await client.touchOne.mutate({ id: 6, page: 1 })
    expect(await screen.findByText('project 6 page 1')).toBeTruthy()
    expect(state()?.dataUpdateCount).toBe(2)
    expect(server.log.reads).toEqual(['project 6/1'])
  })

  it('refuse to be read outside their provider', () => {
    // React reports errors its boundaries catch on the console: expected here.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {})
    const { client, queryClient } = createTestClients(server.url)
    render(
      <MizanProvider client={client} queryClient={queryClient}>
        <Catch>
          <ProjectTitle />
        </Catch>
      </MizanProvider>,
    )
    expect(screen.getByRole('alert').textContent).toBe('use the data of "project" inside its Provider')
    quiet.mockRestore()
  })
})

describe('React Query hooks', () => {
  it('suspend with useSuspenseQuery', async () => {
    const { client, queryClient } = createTestClients(server.url)
    function Suspended() {
      const { data } = useSuspenseQuery(mizan.project.queryOptions({ id: 8, page: 2 }))
      return <p>{data.label}</p>
    }
    render(
      <MizanProvider client={client} queryClient={queryClient}>
        <Suspense fallback={<p>suspended</p>}>
          <Suspended />
        </Suspense>
      </MizanProvider>,
    )
    expect(await screen.findByText('project 8 page 2')).toBeTruthy()
  })

  it('page through a cursor context, and invalidation reaches every page', async () => {
    const { client, queryClient } = createTestClients(server.url)
    let fetchNext: (() => Promise<unknown>) | undefined
    function Feed() {
      const feed = useInfiniteQuery(
        mizan.feed.infiniteQueryOptions({ topic: 'news' }, { initialPageParam: 0, getNextPageParam: (last) => last.next }),
      )
      fetchNext = feed.fetchNextPage
      return <p>{feed.data?.pages.flatMap((page) => page.items).join(', ') ?? 'loading'}</p>
    }
    render(
      <MizanProvider client={client} queryClient={queryClient}>
        <Feed />
      </MizanProvider>,
    )
    await screen.findByText('news 0, news 1')
    await fetchNext!()
    await screen.findByText('news 0, news 1, news 2, news 3')
    const key = mizan.feed.infiniteQueryOptions({ topic: 'news' }, { initialPageParam: 0, getNextPageParam: () => null }).queryKey
    expect(key).toEqual(['mizan', 'feed', { json: { topic: 'news' } }, { infinite: true }])
    server.reset()
    await client.touchFeed.mutate({ topic: 'news' })
    // The pages refetch one after the other: done once both reads ran and nothing is fetching.
    await vi.waitFor(() => {
      expect(server.log.reads.length).toBeGreaterThanOrEqual(2)
      expect(queryClient.isFetching()).toBe(0)
    })
    expect(server.log.reads).toEqual(['feed news@0', 'feed news@2'])
  })

  it('do not retry a read the server refused as bad input', async () => {
    const { client, queryClient } = createTestClients(server.url)
    function Bad() {
      const { error, failureCount } = mizan.project.useQuery({ id: 1, page: 'one' as never })
      return <p>{error ? `${error.code} after ${failureCount} attempt` : 'waiting'}</p>
    }
    render(
      <MizanProvider client={client} queryClient={queryClient}>
        <Bad />
      </MizanProvider>,
    )
    expect(await screen.findByText('BAD_REQUEST after 1 attempt')).toBeTruthy()
  })
})
