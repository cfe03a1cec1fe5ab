import { hydrate } from '@tanstack/react-query'
import type { QueryClient } from '@tanstack/react-query'
import type { Transformer } from '@mizan/client'
import { recordParsedParams } from './parsed-params.ts'
import type { SsrState } from './ssr-state.ts'

/**
 * Puts a page's server-rendered state into `queryClient`. Data from SSR counts as fresh on mount
 * (DESIGN, "Freshness"): each query is stamped with the browser's clock, as old as it was when
 * the server wrote the page. The server's own timestamps would make it stale under a clock
 * skewed by a minute or a slow page, and every query would refetch what the page already shows.
 * Queries whose params the server's schema parsed differently from their keys are known by
 * both forms, as after a read over HTTP.
 */
export function hydrateSsrState(queryClient: QueryClient, state: SsrState, transformer: Transformer): void {
  const now = Date.now()
  const queries = state.queries.map((query) => {
    const { dataUpdatedAt } = query.state
    if (!dataUpdatedAt) return query
    const age = typeof query.dehydratedAt === 'number' ? Math.max(0, query.dehydratedAt - dataUpdatedAt) : 0
    return { ...query, state: { ...query.state, dataUpdatedAt: now - age } }
  })
  hydrate(queryClient, { ...state, queries })
  const parsed = state.parsedParams
  if (!parsed || typeof parsed !== 'object') return
  for (const { queryHash, queryKey } of state.queries) {
    if (!Object.hasOwn(parsed, queryHash)) continue
    try {
      recordParsedParams(queryClient, queryKey, transformer.deserialize(parsed[queryHash]), transformer)
    } catch {
      // Params that make no key (the read batcher ignores them too): the query keeps its own key.
    }
  }
}
