import { cleanup, render, screen } from '@testing-library/react'
import { useQuery } from '@tanstack/react-query'
import type { UseMutationResult } from '@tanstack/react-query'
import superjson from 'superjson'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { awaitInvalidation, createMizanReact, MizanProvider } from '../src/index.ts'
import type { AppRouter } from './fixtures/app-router.ts'
import { serveDuringTests } from './fixtures/server.ts'
import { createTestClients, mizan, projectUpdates } from './fixtures/setup.tsx'

const live = serveDuringTests()
let hold: ReturnType<typeof live.current.holdReads> | undefined
afterEach(() => {
  hold?.release()
  cleanup()
  live.current.reset()
})

type Touch = UseMutationResult<{ id: number; page: number }, unknown, { id: number; page: number }>
let touch: Touch | undefined

/** One mounted `project` query and a `touchOne` write, its pending state on screen. */
function Page({ id, useTouch }: { id: number; useTouch: () => Touch }) {
  const { data } = useQuery(mizan.project.queryOptions({ id, page: 1 }))
  touch = useTouch()
  return <p>{`${data?.label ?? 'loading'}, ${touch.isPending ? 'saving' : 'idle'}`}</p>
}

function mount(id: number, useTouch: () => Touch) {
  const { client, queryClient } = createTestClients(live.current.url)
  render(
    <MizanProvider client={client} queryClient={queryClient}>
      <Page id={id} useTouch={useTouch} />
    </MizanProvider>,
  )
  return { client, queryClient }
}

/** The promise, and whether it has settled yet. */
function track<T>(promise: Promise<T>) {
  const tracked = { settled: false, promise }
  void promise.finally(() => (tracked.settled = true)).catch(() => {})
  return tracked
}

describe('awaitInvalidation', () => {
  it('keeps mutateAsync and isPending pending until the refetched data is in the cache', async () => {
    const { queryClient } = mount(5, () => mizan.touchOne.useMutation({ awaitInvalidation }))
    await screen.findByText('project 5 page 1, idle')
    live.current.reset()
    hold = live.current.holdReads()
    const write = track(touch!.mutateAsync({ id: 5, page: 1 }))
    // The write has answered (its refetch is at the server), and still counts as pending.
    await hold.arrived
    expect(live.current.log.reads).toEqual([])
    expect(await screen.findByText('project 5 page 1, saving')).toBeTruthy()
    expect(write.settled).toBe(false)
    expect(projectUpdates(queryClient, { id: 5, page: 1 })).toBe(1)
    hold.release()
    await expect(write.promise).resolves.toEqual({ id: 5, page: 1 })
    // Resolved only once the refetched data was in the cache.
    expect(projectUpdates(queryClient, { id: 5, page: 1 })).toBe(2)
    expect(live.current.log.reads).toEqual(['project 5/1'])
    expect(await screen.findByText('project 5 page 1, idle')).toBeTruthy()
  })

  it('is off by default: the write settles while its refetch is still on the way', async () => {
    const { queryClient } = mount(6, () => mizan.touchOne.useMutation())
    await screen.findByText('project 6 page 1, idle')
    hold = live.current.holdReads()
    await touch!.mutateAsync({ id: 6, page: 1 })
    expect(projectUpdates(queryClient, { id: 6, page: 1 })).toBe(1)
    await hold.arrived
    hold.release()
    await vi.waitFor(() => expect(projectUpdates(queryClient, { id: 6, page: 1 })).toBe(2))
  })

  it('can be the default of createMizanReact, and a mutation can opt out', async () => {
    const waiting = createMizanReact<AppRouter>({ transformer: superjson, awaitInvalidation })
    const { queryClient } = mount(7, () => waiting.touchOne.useMutation())
    await screen.findByText('project 7 page 1, idle')
    hold = live.current.holdReads()
    const write = track(touch!.mutateAsync({ id: 7, page: 1 }))
    await hold.arrived
    expect(write.settled).toBe(false)
    hold.release()
    await write.promise
    expect(projectUpdates(queryClient, { id: 7, page: 1 })).toBe(2)

    cleanup()
    const second = mount(8, () => waiting.touchOne.useMutation({ awaitInvalidation: false }))
    await screen.findByText('project 8 page 1, idle')
    hold = live.current.holdReads()
    await touch!.mutateAsync({ id: 8, page: 1 })
    expect(projectUpdates(second.queryClient, { id: 8, page: 1 })).toBe(1)
    await hold.arrived
    hold.release()
    await vi.waitFor(() => expect(projectUpdates(second.queryClient, { id: 8, page: 1 })).toBe(2))
  })

  it('waits for the last refetch when two writes hit the same query', async () => {
    const { queryClient } = mount(9, () => mizan.touchOne.useMutation({ awaitInvalidation }))
    await screen.findByText('project 9 page 1, idle')
    hold = live.current.holdReads()
    // Their directives may merge in one flush (under the first write's id) or come in two.
    const first = track(touch!.mutateAsync({ id: 9, page: 1 }))
    const second = track(touch!.mutateAsync({ id: 9, page: 1 }))
    await hold.arrived
    expect([first.settled, second.settled]).toEqual([false, false])
    hold.release()
    await Promise.all([first.promise, second.promise])
    expect(queryClient.getQueryState(mizan.project.queryKey({ id: 9, page: 1 }))).toMatchObject({ fetchStatus: 'idle', isInvalidated: false })
    expect(projectUpdates(queryClient, { id: 9, page: 1 })).toBeGreaterThanOrEqual(2)
  })

  it('does not wait for inactive queries: they are only marked stale', async () => {
    const { client, queryClient } = createTestClients(live.current.url)
    const key = mizan.project.queryKey({ id: 10, page: 1 })
    queryClient.setQueryData(key, { id: 10, page: 1, label: 'cached', at: new Date(0) })
    function Writer() {
      touch = mizan.touchOne.useMutation({ awaitInvalidation })
      return null
    }
    render(
      <MizanProvider client={client} queryClient={queryClient}>
        <Writer />
      </MizanProvider>,
    )
    hold = live.current.holdReads()
    await touch!.mutateAsync({ id: 10, page: 1 })
    expect(queryClient.getQueryState(key)).toMatchObject({ isInvalidated: true, fetchStatus: 'idle' })
    hold.release()
    expect(live.current.log.bundles).toBe(0)
  })
})
