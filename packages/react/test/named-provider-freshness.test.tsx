import { cleanup, render, screen } from '@testing-library/react'
import { dehydrate, hydrate, QueryClient } from '@tanstack/react-query'
import { afterEach, describe, expect, it } from 'vitest'
import { createNamedProvider, MizanProvider } from '../src/index.ts'
import { serveDuringTests } from './fixtures/server.ts'
import { createTestClients, logAfterMarker, mizan, projectUpdates } from './fixtures/setup.tsx'

const live = serveDuringTests()
afterEach(() => {
  cleanup()
  live.current.reset()
})

const ProjectKit = createNamedProvider(mizan.project)

function Title() {
  return <h1>{ProjectKit.useData().label}</h1>
}

const tenMinutes = 10 * 60_000

function mountProvider(clients: ReturnType<typeof createTestClients>, id: number) {
  render(
    <MizanProvider client={clients.client} queryClient={clients.queryClient}>
      <ProjectKit.Provider params={{ id, page: 1 }} fallback={<p>loading</p>}>
        <Title />
      </ProjectKit.Provider>
    </MizanProvider>,
  )
}

describe('named context providers on mount', () => {
  it('refetch data cached longer ago than staleTime, showing it meanwhile', async () => {
    const clients = createTestClients(live.current.url)
    const cached = { id: 11, page: 1, label: 'ten minutes old', at: new Date(0) }
    clients.queryClient.setQueryData(mizan.project.queryKey({ id: 11, page: 1 }), cached, { updatedAt: Date.now() - tenMinutes })
    mountProvider(clients, 11)
    expect(screen.getByText('ten minutes old')).toBeTruthy()
    expect(await screen.findByText('project 11 page 1')).toBeTruthy()
    expect(live.current.log.reads).toEqual(['project 11/1'])
  })

  it('skip the fetch for fresh data', async () => {
    const clients = createTestClients(live.current.url)
    const cached = { id: 12, page: 1, label: 'just cached', at: new Date(0) }
    clients.queryClient.setQueryData(mizan.project.queryKey({ id: 12, page: 1 }), cached)
    mountProvider(clients, 12)
    expect(screen.getByText('just cached')).toBeTruthy()
    expect((await logAfterMarker(clients, live.current.log)).reads).toEqual([])
    expect(projectUpdates(clients.queryClient, { id: 12, page: 1 })).toBe(1)
  })

  it('skip the fetch for data the server rendered just now, and refetch it when it is old', async () => {
    const server = new QueryClient()
    server.setQueryData(mizan.project.queryKey({ id: 13, page: 1 }), { id: 13, page: 1, label: 'server render', at: new Date(0) })
    server.setQueryData(mizan.project.queryKey({ id: 14, page: 1 }), { id: 14, page: 1, label: 'old server render', at: new Date(0) }, {
      updatedAt: Date.now() - tenMinutes,
    })
    const clients = createTestClients(live.current.url)
    hydrate(clients.queryClient, dehydrate(server))
    mountProvider(clients, 13)
    expect(screen.getByText('server render')).toBeTruthy()
    expect((await logAfterMarker(clients, live.current.log)).reads).toEqual([])

    cleanup()
    live.current.reset()
    mountProvider(clients, 14)
    expect(screen.getByText('old server render')).toBeTruthy()
    expect(await screen.findByText('project 14 page 1')).toBeTruthy()
    expect(live.current.log.reads).toEqual(['project 14/1'])
  })
})
