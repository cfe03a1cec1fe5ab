import { MutationObserver, QueryClient } from '@tanstack/react-query'
import { describe, expect, it, vi } from 'vitest'
import { connectQueryClient } from '../src/index.ts'
import { serveDuringTests } from './fixtures/server.ts'
import { createTestClients, mizan } from './fixtures/setup.tsx'

const live = serveDuringTests()

describe('a QueryClient that no Mizan client was connected to', () => {
  it('fails a prefetch at once, without retrying, saying what to do', async () => {
    const queryClient = new QueryClient()
    const key = mizan.note.queryKey({ n: 1 })
    const prefetched = queryClient.prefetchQuery(mizan.note.queryOptions({ n: 1 }))
    // A retry would keep the query fetching (React Query waits 1 s, 2 s, 4 s between attempts).
    await vi.waitFor(() => expect(queryClient.getQueryState(key)?.fetchStatus).toBe('idle'))
    await prefetched
    const state = queryClient.getQueryState(key)
    expect(state).toMatchObject({ status: 'error', fetchFailureCount: 1 })
    expect(state?.error?.message).toMatch(/<MizanProvider client queryClient>/)
    expect(state?.error?.message).toMatch(/connectQueryClient\(queryClient, client\)/)
    await expect(queryClient.fetchQuery(mizan.note.queryOptions({ n: 2 }))).rejects.toThrow(/No Mizan client/)
  })

  it('fails a mutation the same way', async () => {
    const queryClient = new QueryClient()
    const mutation = new MutationObserver(queryClient, mizan.touchAll.mutationOptions())
    await expect(mutation.mutate()).rejects.toThrow(/<MizanProvider client queryClient>/)
  })
})

describe('connectQueryClient, the wiring without React (SSR, tests, scripts)', () => {
  it('lets a QueryClient prefetch, applies writes to it, and is undone by its disconnect', async () => {
    const { client, queryClient } = createTestClients(live.current.url)
    const disconnect = connectQueryClient(queryClient, client)
    await queryClient.prefetchQuery(mizan.note.queryOptions({ n: 3 }))
    expect(queryClient.getQueryData(mizan.note.queryKey({ n: 3 }))).toBe('note 3')
    await queryClient.prefetchQuery(mizan.project.queryOptions({ id: 1, page: 1 }))
    await client.touchAll.mutate()
    // No observer: the query is marked stale, as invalidateQueries would, and not refetched.
    await vi.waitFor(() => expect(queryClient.getQueryState(mizan.project.queryKey({ id: 1, page: 1 }))?.isInvalidated).toBe(true))

    disconnect()
    // Each try a new key: a cached answer would not ask for the client.
    let n = 4
    await vi.waitFor(() => expect(queryClient.fetchQuery(mizan.note.queryOptions({ n: n++ }))).rejects.toThrow(/No Mizan client/))
    queryClient.setQueryData(mizan.project.queryKey({ id: 1, page: 1 }), { id: 1, page: 1, label: 'set', at: new Date(0) })
    await client.touchAll.mutate()
    await Promise.resolve()
    expect(queryClient.getQueryState(mizan.project.queryKey({ id: 1, page: 1 }))?.isInvalidated).toBe(false)
  })
})
