import { cleanup, render, screen } from '@testing-library/react'
import { Component, StrictMode } from 'react'
import type { ReactNode } from 'react'
import { QueryClient } from '@tanstack/react-query'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { connectQueryClient, MizanProvider } from '../src/index.ts'
import { ProjectItem } from './fixtures/project-item.tsx'
import { serveDuringTests } from './fixtures/server.ts'
import { createTestClients, logAfterMarker, mizan, projectUpdates } from './fixtures/setup.tsx'

const live = serveDuringTests()
afterEach(() => {
  cleanup()
  live.current.reset()
})

/** A client whose requests are counted under its name, so a test sees which client fetched. */
function namedClient(name: string, calls: string[]) {
  return createTestClients(live.current.url, {
    fetch: (input, init) => {
      calls.push(`${name} ${new URL(String(input)).pathname.split('/')[2]}`)
      return fetch(input, init)
    },
  }).client
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

let fresh = 100
/** Waits until a read through this QueryClient fails for want of a Mizan client (each try a new, uncached key). */
async function unregistered(queryClient: QueryClient) {
  await vi.waitFor(() => expect(queryClient.fetchQuery(mizan.note.queryOptions({ n: fresh++ }))).rejects.toThrow(/No Mizan client for this QueryClient/))
}

describe('one QueryClient belongs to one Mizan client', () => {
  it('refuses a second, different client with a clear error', () => {
    const { client, queryClient } = createTestClients(live.current.url)
    const other = createTestClients(live.current.url).client
    const disconnect = connectQueryClient(queryClient, client)
    expect(() => connectQueryClient(queryClient, other)).toThrow(/already belongs to another Mizan client/)
    // The same client again is fine: a second provider or connection shares the wiring.
    connectQueryClient(queryClient, client)()
    disconnect()
  })

  it('refuses two providers giving one QueryClient different clients', async () => {
    // React reports the errors its boundaries catch on the console: expected here.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {})
    const queryClient = new QueryClient()
    const [a, b] = [createTestClients(live.current.url).client, createTestClients(live.current.url).client]
    render(
      <Catch>
        <MizanProvider client={a} queryClient={queryClient}>
          <MizanProvider client={b} queryClient={queryClient}>
            <p>page</p>
          </MizanProvider>
        </MizanProvider>
      </Catch>,
    )
    expect((await screen.findByRole('alert')).textContent).toMatch(/already belongs to another Mizan client/)
    quiet.mockRestore()
  })

  it('lets two providers with the same client share it, applying each write once', async () => {
    const { client, queryClient } = createTestClients(live.current.url)
    render(
      <MizanProvider client={client} queryClient={queryClient}>
        <ProjectItem id={1} page={1} />
        <MizanProvider client={client} queryClient={queryClient}>
          <ProjectItem id={1} page={2} />
        </MizanProvider>
      </MizanProvider>,
    )
    await screen.findByText('project 1 page 2')
    await screen.findByText('project 1 page 1')
    live.current.reset()
    await client.touchAll.mutate()
    await vi.waitFor(() => expect(projectUpdates(queryClient, { id: 1, page: 2 })).toBe(2))
    expect((await logAfterMarker({ client, queryClient }, live.current.log)).reads.sort()).toEqual(['project 1/1', 'project 1/2'])
  })
})

describe('the provider registration', () => {
  it('is undone on unmount, and another client may then take the QueryClient', async () => {
    const calls: string[] = []
    const [a, b] = [namedClient('A', calls), namedClient('B', calls)]
    const queryClient = new QueryClient()
    const first = render(
      <MizanProvider client={a} queryClient={queryClient}>
        <ProjectItem id={2} page={1} />
      </MizanProvider>,
    )
    await screen.findByText('project 2 page 1')
    first.unmount()
    await unregistered(queryClient)
    // A's writes no longer reach this QueryClient.
    await a.touchAll.mutate()
    await Promise.resolve()
    expect(queryClient.getQueryState(mizan.project.queryKey({ id: 2, page: 1 }))?.isInvalidated).toBe(false)

    calls.length = 0
    render(
      <MizanProvider client={b} queryClient={queryClient}>
        <ProjectItem id={2} page={1} />
      </MizanProvider>,
    )
    await b.touchAll.mutate()
    await vi.waitFor(() => expect(projectUpdates(queryClient, { id: 2, page: 1 })).toBe(2))
    // Each client's first write fetches its CSRF token first.
    expect(calls).toEqual(['B session', 'B m', 'B q'])
  })

  it('survives StrictMode: mounted twice, each write applied once, nothing left after unmount', async () => {
    const { client, queryClient } = createTestClients(live.current.url)
    const page = render(
      <StrictMode>
        <MizanProvider client={client} queryClient={queryClient}>
          <ProjectItem id={3} page={1} />
        </MizanProvider>
      </StrictMode>,
    )
    await screen.findByText('project 3 page 1')
    await vi.waitFor(() => expect(queryClient.isFetching()).toBe(0))
    live.current.reset()
    await client.touchOne.mutate({ id: 3, page: 1 })
    await vi.waitFor(() => expect(projectUpdates(queryClient, { id: 3, page: 1 })).toBe(2))
    expect((await logAfterMarker({ client, queryClient }, live.current.log)).reads).toEqual(['project 3/1'])
    page.unmount()
    await unregistered(queryClient)
  })

  it.each([
    ['', (node: ReactNode) => node],
    [' under StrictMode', (node: ReactNode) => <StrictMode>{node}</StrictMode>],
  ])('follows a swap of the client prop on the same QueryClient%s: B fetches and B drives the flushes', async (_, wrap) => {
    const calls: string[] = []
    const [a, b] = [namedClient('A', calls), namedClient('B', calls)]
    const queryClient = new QueryClient()
    const tree = (client: typeof a) =>
      wrap(
        <MizanProvider client={client} queryClient={queryClient}>
          <ProjectItem id={4} page={1} />
        </MizanProvider>,
      )
    const page = render(tree(a))
    await screen.findByText('project 4 page 1')
    expect(calls).toEqual(['A q'])

    page.rerender(tree(b))
    calls.length = 0
    // A's writes no longer reach this QueryClient; B's do, and B reads.
    await a.touchOne.mutate({ id: 4, page: 1 })
    await Promise.resolve()
    expect(queryClient.getQueryState(mizan.project.queryKey({ id: 4, page: 1 }))?.isInvalidated).toBe(false)
    await b.touchOne.mutate({ id: 4, page: 1 })
    await vi.waitFor(() => expect(projectUpdates(queryClient, { id: 4, page: 1 })).toBe(2))
    expect(calls).toEqual(['A session', 'A m', 'B session', 'B m', 'B q'])
    await expect(queryClient.fetchQuery(mizan.note.queryOptions({ n: 3 }))).resolves.toBe('note 3')
    expect(calls.at(-1)).toBe('B q')

    page.unmount()
    await unregistered(queryClient)
  })
})
