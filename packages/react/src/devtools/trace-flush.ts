import type { Query, QueryCache } from '@tanstack/react-query'
import type { FlushReport, FlushedDirective, Inspector, Tracers, Transformer } from '@mizan/client'
import { requestTracer } from '@mizan/client'
import { collectHits } from '../collect-hits.ts'
import type { QueryIndex } from '../query-index.ts'
import { refetchesOnInvalidate } from '../refetches-on-invalidate.ts'

/** What the React bridge hands a flush tracer: the cache it applies flushes to, as it finds targets there. */
export interface FlushScope {
  readonly queryCache: QueryCache
  readonly index: QueryIndex
  readonly transformer: Transformer
}

/**
 * Records what a flush is about to do, directive by directive, for development tools: the
 * queries each one hits (found exactly as `applyFlush` finds them) and whether invalidating
 * refetches them. Called just before `applyFlush`, and only while a listener that brought it
 * inspects the client; what it returns emits the `flush` event once the flush is applied.
 */
export function traceFlush(inspector: Inspector, scope: object, directives: readonly FlushedDirective[]): () => void {
  const report = reportFlush(scope as FlushScope, directives)
  return () => inspector.emit({ type: 'flush', at: Date.now(), report })
}

function reportFlush({ queryCache, index, transformer }: FlushScope, directives: readonly FlushedDirective[]): FlushReport {
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

/**
 * Everything a listener needs to hear bundled reads and the React bridge's flushes: pass it to
 * `inspect(client).subscribe`. `MizanDevtools` does; the main entry never ships this code.
 *
 * @example
 * const stop = inspect(client).subscribe((event) => console.log(event), inspectTracers)
 */
export const inspectTracers: Tracers = {
  ...requestTracer,
  flush: traceFlush,
}
