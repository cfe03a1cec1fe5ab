import { dehydrate } from '@tanstack/react-query'
import type { Query, QueryClient } from '@tanstack/react-query'
import { jsonTransformer } from '@mizan/client'
import type { Transformer } from '@mizan/client'
import type { SsrState } from '../ssr-state.ts'
import { prefetchedFor } from './prefetched-queries.ts'

export interface DehydratePageOptions {
  /** Defaults to the transformer of the router the queries were prefetched through. */
  readonly transformer?: Transformer | undefined
  /** Which queries go into the page; by default the successful ones (React Query's default). */
  readonly shouldDehydrateQuery?: ((query: Query) => boolean) | undefined
}

/**
 * The state a page embeds: the dehydrated QueryClient and the parsed params of its Mizan
 * queries (see `SsrState`), with the transformer to write it with.
 */
export function dehydratePage(queryClient: QueryClient, options: DehydratePageOptions = {}): { state: SsrState; transformer: Transformer } {
  const prefetched = prefetchedFor(queryClient)
  if (options.transformer && prefetched && options.transformer !== prefetched.transformer) {
    // The browser would decode the data with the router's transformer and get something else.
    throw new Error("Mizan SSR: the page's transformer is not the one of the router its queries were prefetched through")
  }
  const transformer = options.transformer ?? prefetched?.transformer ?? jsonTransformer
  const state = dehydrate(queryClient, options.shouldDehydrateQuery ? { shouldDehydrateQuery: options.shouldDehydrateQuery } : {})
  const parsedParams: Record<string, unknown> = {}
  let some = false
  for (const { queryHash } of state.queries) {
    const params = prefetched?.parsedParams.get(queryHash)
    if (params === undefined) continue
    parsedParams[queryHash] = params
    some = true
  }
  return { state: some ? { ...state, parsedParams } : state, transformer }
}
