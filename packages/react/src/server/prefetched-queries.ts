import type { QueryClient } from '@tanstack/react-query'
import type { Transformer } from '@mizan/client'

/** What the queries that `createMizanServer` ran for one QueryClient left for its page. */
export interface Prefetched {
  /** The router's transformer: the page's data must be written with it. */
  readonly transformer: Transformer
  /** The parsed params of queries whose schema changed their input, by query hash. */
  readonly parsedParams: Map<string, unknown>
}

// Kept beside the request's QueryClient, never in it: the render helpers read it when they
// dehydrate, and it goes away with the QueryClient.
const byQueryClient = new WeakMap<QueryClient, Prefetched>()

export function notePrefetched(queryClient: QueryClient, transformer: Transformer, queryHash: string, parsedParams: unknown): void {
  let prefetched = byQueryClient.get(queryClient)
  if (!prefetched) byQueryClient.set(queryClient, (prefetched = { transformer, parsedParams: new Map() }))
  if (prefetched.transformer !== transformer) {
    // One data tag is written with one transformer: routers with different ones cannot share a page.
    throw new Error('Mizan SSR: queries of routers with different transformers were prefetched into one QueryClient')
  }
  if (parsedParams === undefined) prefetched.parsedParams.delete(queryHash)
  else prefetched.parsedParams.set(queryHash, parsedParams)
}

export function prefetchedFor(queryClient: QueryClient): Prefetched | undefined {
  return byQueryClient.get(queryClient)
}
