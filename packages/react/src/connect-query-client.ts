import type { Query, QueryCache, QueryClient } from '@tanstack/react-query'
import type { ClientRuntime } from '@mizan/client'
import { applyFlush } from './apply-flush.ts'
import { hold, release } from './client-registry.ts'
import type { Wiring } from './client-registry.ts'
import { createQueryIndex } from './query-index.ts'

/**
 * Wires a QueryClient to a Mizan client without React: for prefetching on the server, tests and
 * scripts. Its Mizan queries and mutations then call `client`, and every flush of the client's
 * scheduler becomes exactly the invalidations it names. Returns the disconnect. A QueryClient
 * belongs to one Mizan client: connecting a different one while it is connected throws (the
 * same one again is shared). `<MizanProvider>` does this in React apps.
 *
 * @example
 * const disconnect = connectQueryClient(queryClient, client)
 * await queryClient.prefetchQuery(mizan.project.queryOptions({ id: 7 }))
 */
export function connectQueryClient(queryClient: QueryClient, client: ClientRuntime): () => void {
  const holder = {}
  connectFor(queryClient, client, holder)
  return () => release(queryClient, holder)
}

/** `connectQueryClient` for a holder that may swap its client (the provider); undone by `release`. */
export function connectFor(queryClient: QueryClient, client: ClientRuntime, holder: object): void {
  hold(queryClient, client, holder, () => wire(queryClient, client))
}

function wire(queryClient: QueryClient, client: ClientRuntime): Wiring {
  const queryCache = queryClient.getQueryCache()
  const index = createQueryIndex(queryCache)
  let waiting: Array<() => void> = []
  const inspector = client.$inspect
  const unsubscribe = client.$scheduler.subscribe((directives) => {
    // Traced before it is applied (so the refetch decision is the one applyFlush makes), and
    // only while a tool that brought a flush tracer (devtools) listens: otherwise this check is
    // all a flush pays, and the tracing code is not in the bundle.
    const report = inspector.tracer?.flush?.({ queryCache, index, transformer: client.$transformer }, directives)
    const hits = applyFlush(queryClient, index, client.$transformer, directives)
    if (report) inspector.emit({ type: 'flush', at: Date.now(), report })
    if (waiting.length === 0) return
    // A flush carries everything enqueued before it, merged (a directive two writes share keeps
    // the first one's id): it answers every write that registered before it, by id or not.
    const settled = waiting
    waiting = []
    void whenFetched(queryCache, hits).then(() => {
      for (const resolve of settled) resolve()
    })
  })
  return {
    afterNextFlush: () => new Promise((resolve) => waiting.push(resolve)),
    close() {
      unsubscribe()
      index.close()
      for (const resolve of waiting) resolve()
      waiting = []
    },
  }
}

// Resolves once none of these queries is fetching: refetches done (or failed, or cancelled), the
// queries that were not refetched (inactive, disabled) never waited for.
function whenFetched(queryCache: QueryCache, queries: Iterable<Query>): Promise<void> {
  const fetching = new Set<Query>()
  for (const query of queries) if (query.state.fetchStatus === 'fetching') fetching.add(query)
  if (fetching.size === 0) return Promise.resolve()
  return new Promise((resolve) => {
    const unsubscribe = queryCache.subscribe(({ query, type }) => {
      if (!fetching.has(query) || (type !== 'removed' && query.state.fetchStatus === 'fetching')) return
      fetching.delete(query)
      if (fetching.size > 0) return
      unsubscribe()
      resolve()
    })
  })
}
