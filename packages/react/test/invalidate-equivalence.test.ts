import { QueryClient, QueryObserver } from '@tanstack/react-query'
import type { QueryKey } from '@tanstack/react-query'
import superjson from 'superjson'
import { describe, expect, it, vi } from 'vitest'
import type { FlushedDirective } from '@mizan/client'
import { applyFlush, createQueryIndex } from '../src/index.ts'

// The provider applies React Query's own invalidation semantics to the queries it finds without
// scanning. This holds its outcome equal to `invalidateQueries` on the same cache.

type Kind = 'active' | 'inactive' | 'disabled' | 'static'
const kinds: Kind[] = ['active', 'inactive', 'disabled', 'static']

function key(path: string, input: unknown): QueryKey {
  return ['mizan', path, superjson.serialize(input)]
}

async function buildCache() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { gcTime: Number.POSITIVE_INFINITY, retry: false } } })
  const fetches = new Map<string, number>()
  const observers: Array<() => void> = []
  const entries: Array<{ name: string; key: QueryKey }> = []
  for (const path of ['project', 'note']) {
    for (const [i, kind] of kinds.entries()) {
      for (const owner of [1, 2]) {
        const queryKey = key(path, { id: i, owner })
        const name = `${path}:${kind}:${i}:${owner}`
        entries.push({ name, key: queryKey })
        const queryFn = async () => {
          fetches.set(name, (fetches.get(name) ?? 0) + 1)
          return name
        }
        await queryClient.prefetchQuery({ queryKey, queryFn })
        if (kind === 'inactive') continue
        const observer = new QueryObserver(queryClient, {
          queryKey,
          queryFn,
          enabled: kind !== 'disabled',
          staleTime: kind === 'static' ? 'static' : 0,
        })
        observers.push(observer.subscribe(() => {}))
      }
    }
  }
  fetches.clear()
  return { queryClient, fetches, entries, close: () => observers.forEach((stop) => stop()) }
}

function outcome(cache: Awaited<ReturnType<typeof buildCache>>) {
  return Object.fromEntries(
    cache.entries.map(({ name, key }) => {
      const query = cache.queryClient.getQueryCache().find({ queryKey: key, exact: true })!
      return [name, { invalidated: query.state.isInvalidated, fetches: cache.fetches.get(name) ?? 0 }]
    }),
  )
}

async function compare(directive: FlushedDirective, filters: Parameters<QueryClient['invalidateQueries']>[0]) {
  const mizan = await buildCache()
  const index = createQueryIndex(mizan.queryClient.getQueryCache())
  const hits = applyFlush(mizan.queryClient, index, superjson, [directive])
  // A refetch is marked as fetching the moment it starts, inside applyFlush: wait for them to end.
  await vi.waitFor(() => expect(mizan.queryClient.isFetching()).toBe(0))
  const reference = await buildCache()
  await reference.queryClient.invalidateQueries(filters)
  const ours = outcome(mizan)
  expect(ours).toEqual(outcome(reference))
  mizan.close()
  reference.close()
  index.close()
  return { ours, hits }
}

describe('a flush matches invalidateQueries on the same cache', () => {
  it('for a whole context: active refetched, inactive marked stale, disabled and static skipped', async () => {
    const { ours } = await compare({ kind: 'whole', context: 'project', mutationId: 'm' }, { queryKey: ['mizan', 'project'] })
    expect(ours['project:active:0:1']).toEqual({ invalidated: false, fetches: 1 }) // refetched, so valid again
    expect(ours['project:inactive:1:1']).toEqual({ invalidated: true, fetches: 0 })
    expect(ours['project:disabled:2:1']).toEqual({ invalidated: true, fetches: 0 })
    expect(ours['project:static:3:1']).toEqual({ invalidated: true, fetches: 0 })
    expect(ours['note:active:0:1']).toEqual({ invalidated: false, fetches: 0 })
  })

  it('for one exact instance', async () => {
    const params = { id: 0, owner: 2 }
    const { ours, hits } = await compare(
      { kind: 'exact', context: 'project', params, mutationId: 'm' },
      { queryKey: key('project', params), exact: true },
    )
    expect(hits.size).toBe(1)
    expect(ours['project:active:0:2']).toEqual({ invalidated: false, fetches: 1 })
    expect(ours['project:active:0:1']).toEqual({ invalidated: false, fetches: 0 })
  })

  it('for a partial match', async () => {
    const { ours, hits } = await compare(
      { kind: 'partial', context: 'project', params: { owner: 1 }, mutationId: 'm' },
      { predicate: (query) => query.queryKey[1] === 'project' && (superjson.deserialize(query.queryKey[2] as never) as { owner: number }).owner === 1 },
    )
    expect(hits.size).toBe(4)
    expect(ours['project:inactive:1:1']).toEqual({ invalidated: true, fetches: 0 })
    expect(ours['project:active:0:2']).toEqual({ invalidated: false, fetches: 0 })
  })
})
