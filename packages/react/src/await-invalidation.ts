import type { Query, QueryCache } from '@tanstack/react-query'
import { registrationOf } from './client-registry.ts'
import type { MutationSender } from './send-mutation.ts'

/**
 * Sends a write like `sendMutation`, but settles (success or error alike) only once the active
 * queries its directives hit have refetched, so `mutateAsync` resolves and `isPending` turns
 * false once the new data is in the cache. Imported on its own, so that apps that do not wait
 * ship none of it.
 *
 * @example
 * const mizan = createMizanReact<AppRouter>({ transformer: superjson, awaitInvalidation })
 * useMutation(mizan.renameProject.mutationOptions({ awaitInvalidation }))
 */
export const awaitInvalidation: MutationSender = async (queryClient, path, input, options) => {
  const registration = registrationOf(queryClient)
  let refetched: Promise<void> | undefined
  try {
    return await registration.client.$mutate(path, input, {
      ...options,
      // Before the directives are enqueued, so the wait covers the flush that applies them.
      onDirectives: (_id, count) => {
        if (count > 0) refetched = registration.wiring?.afterNextFlush().then((hits) => whenFetched(queryClient.getQueryCache(), hits))
      },
    })
  } finally {
    await refetched
  }
}

// Resolves once none of these queries is fetching: refetches done (or failed, or cancelled), the
// queries that were not refetched (inactive, disabled) never waited for.
function whenFetched(queryCache: QueryCache, queries: Iterable<Query>): Promise<void> {
  const fetching = new Set([...queries].filter((query) => query.state.fetchStatus === 'fetching'))
  return new Promise((resolve) => {
    if (fetching.size === 0) return resolve()
    const unsubscribe = queryCache.subscribe(({ query, type }) => {
      // Done once it stops fetching, or leaves the cache.
      if (type === 'removed' || query.state.fetchStatus !== 'fetching') fetching.delete(query)
      if (fetching.size > 0) return
      unsubscribe()
      resolve()
    })
  })
}
