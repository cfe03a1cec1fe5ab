import type { Query, QueryClient } from '@tanstack/react-query'
import { defaultStaleTime } from './defaults.ts'

// The QueryClients given to a Mizan client with live events, held weakly: a render React throws
// away claims a QueryClient that nobody releases. One per tab in practice, so a scan is cheap.
const live = new Set<WeakRef<QueryClient>>()

/** Records whether `queryClient` now belongs to a Mizan client with live events. */
export function trackLive(queryClient: QueryClient, isLive: boolean): void {
  for (const ref of live) {
    const held = ref.deref()
    // This one goes (to come back when live), and so do the ones collected since.
    if (!held || held === queryClient) live.delete(ref)
  }
  if (isLive) live.add(new WeakRef(queryClient))
}

/**
 * Mizan's default `staleTime`, decided per query each time React Query asks: forever for the
 * queries of a client with live events (`client.$events`), which hears of every write as it
 * happens, `defaultStaleTime` otherwise. Known from the moment the QueryClient is claimed (the
 * provider's render), before any query below it decides whether to fetch on mount.
 */
export function liveOrDefaultStaleTime(query: Query): number {
  for (const ref of live) if (ref.deref()?.getQueryCache().get(query.queryHash) === query) return Infinity
  return defaultStaleTime
}
