import type { Query, QueryClient } from '@tanstack/react-query'
import type { ClientRuntime } from '@mizan/client'
import { applyFlush } from './apply-flush.ts'
import { claim, release } from './client-registry.ts'
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

/**
 * `connectQueryClient` for a holder that may swap its client (the provider): holds `queryClient`
 * for `client` until `release`; the first holder wires the flushes.
 */
export function connectFor(queryClient: QueryClient, client: ClientRuntime, holder: object): void {
  const registration = claim(queryClient, client, holder)
  registration.holders.add(holder)
  registration.wiring ??= wire(queryClient, client)
}

function wire(queryClient: QueryClient, client: ClientRuntime): Wiring {
  const queryCache = queryClient.getQueryCache()
  const index = createQueryIndex(queryCache)
  const tools = client.$tools
  // The writes waiting for the next flush share one promise, settled with the queries it hit.
  let nextFlush: Promise<ReadonlySet<Query>> | undefined
  let release: ((hits: ReadonlySet<Query>) => void) | undefined
  const unsubscribe = client.$scheduler.subscribe((directives) => {
    // Traced before it is applied (so the refetch decision is the one applyFlush makes), and
    // only while a tool that brought a flush tracer (devtools) listens: otherwise this check is
    // all a flush pays, and the tracing code is not in the bundle.
    const { inspector } = tools
    const traced = inspector?.tracer?.flush?.(inspector, { queryCache, index, transformer: client.$transformer }, directives)
    const hits = applyFlush(queryClient, index, client.$transformer, directives)
    traced?.()
    // A flush carries everything enqueued before it, merged (a directive two writes share keeps
    // the first one's id): it answers every write that registered before it, by id or not.
    release?.(hits)
    nextFlush = release = undefined
  })
  return {
    afterNextFlush: () => (nextFlush ??= new Promise((resolve) => (release = resolve))),
    close() {
      unsubscribe()
      index.close()
      release?.(new Set())
      nextFlush = release = undefined
    },
  }
}
