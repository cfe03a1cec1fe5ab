import type { Query, QueryCache } from '@tanstack/react-query'
import type { FlushReport, FlushedDirective, Transformer } from '@mizan/client'
import { collectHits } from './collect-hits.ts'
import type { QueryIndex } from './query-index.ts'
import { refetchesOnInvalidate } from './refetches-on-invalidate.ts'

/**
 * What a flush is about to do, directive by directive, for development tools: the queries each
 * one hits (found exactly as `applyFlush` finds them) and whether invalidating refetches them.
 * Called just before `applyFlush`, and only while someone inspects the client.
 */
export function traceFlush(queryCache: QueryCache, index: QueryIndex, transformer: Transformer, directives: readonly FlushedDirective[]): FlushReport {
  return {
    directives: directives.map((directive) => {
      const hits = new Set<Query>()
      collectHits(queryCache, index, transformer, directive, hits)
      return {
        directive,
        hits: [...hits].map((query) => ({ queryHash: query.queryHash, queryKey: query.queryKey, refetched: refetchesOnInvalidate(query) })),
      }
    }),
  }
}
