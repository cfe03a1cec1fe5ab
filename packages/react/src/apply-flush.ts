import { notifyManager } from '@tanstack/react-query'
import type { Query, QueryClient } from '@tanstack/react-query'
import type { FlushedDirective, Transformer } from '@mizan/client'
import { collectHits } from './collect-hits.ts'
import type { QueryIndex } from './query-index.ts'
import { refetchesOnInvalidate } from './refetches-on-invalidate.ts'

const noop = () => {}

/**
 * Applies one flush of directives to a QueryClient without scanning its cache: the queries each
 * directive names are found as `collectHits` says (by hash, by the index's paths and field maps).
 * Each hit gets React Query's own invalidation semantics, all in one batch: marked invalid;
 * refetched when active, enabled and not static; left stale otherwise (refetched on next mount).
 */
export function applyFlush(
  queryClient: QueryClient,
  index: QueryIndex,
  transformer: Transformer,
  directives: readonly FlushedDirective[],
): Set<Query> {
  const queryCache = queryClient.getQueryCache()
  const hits = new Set<Query>()
  for (const directive of directives) collectHits(queryCache, index, transformer, directive, hits)
  notifyManager.batch(() => {
    for (const query of hits) query.invalidate()
    for (const query of hits) {
      if (refetchesOnInvalidate(query)) query.fetch(undefined, { cancelRefetch: true }).catch(noop)
    }
  })
  return hits
}
