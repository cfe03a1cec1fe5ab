import type { Query, QueryClient } from '@tanstack/react-query'
import { defaultStaleTime } from './defaults.ts'

// The QueryClients given to a Mizan client with live events, held weakly: a render React throws
// away claims a QueryClient that nobody releases. One per tab in practice.
const live = new Set<WeakRef<QueryClient>>()
const refs = new WeakMap<QueryClient, WeakRef<QueryClient>>()

/** Records whether `queryClient` now belongs to a Mizan client with live events. */
export function trackLive(queryClient: QueryClient, isLive: boolean): void {
  const ref = refs.get(queryClient)
  if (isLive && !ref) {
    const added = new WeakRef(queryClient)
    refs.set(queryClient, added)
    live.add(added)
  } else if (!isLive && ref) {
    refs.delete(queryClient)
    live.delete(ref)
  }
}

/**
 * Mizan's default `staleTime`, decided per query each time React Query asks: forever for the
 * queries of a client with live events (`client.$events`), which hears of every write as it
 * happens, `defaultStaleTime` otherwise. Known from the moment the QueryClient is claimed (the
 * provider's render), before any query below it decides whether to fetch on mount.
 */
export function liveOrDefaultStaleTime(query: Query): number {
  for (const ref of live) {
    const queryClient = ref.deref()
    if (!queryClient) live.delete(ref)
    else if (queryClient.getQueryCache().get(query.queryHash) === query) return Number.POSITIVE_INFINITY
  }
  return defaultStaleTime
}
