import type { Query, QueryCache } from '@tanstack/react-query'
import { pathOfKey } from './query-key.ts'

/**
 * The Mizan queries of a cache by context path, kept current through the cache's own events,
 * so a flush looks at the queries of the contexts it names, never at every cached query.
 */
export interface QueryIndex {
  byPath(path: string): ReadonlySet<Query> | undefined
  /** Every Mizan query of the cache, for an `all` directive. */
  all(): Iterable<Query>
  close(): void
}

export function createQueryIndex(queryCache: QueryCache): QueryIndex {
  const paths = new Map<string, Set<Query>>()
  const add = (query: Query) => {
    const path = pathOfKey(query.queryKey)
    if (path === undefined) return
    let set = paths.get(path)
    if (!set) paths.set(path, (set = new Set()))
    set.add(query)
  }
  const remove = (query: Query) => {
    const path = pathOfKey(query.queryKey)
    if (path === undefined) return
    const set = paths.get(path)
    set?.delete(query)
    if (set?.size === 0) paths.delete(path)
  }
  for (const query of queryCache.getAll()) add(query)
  const unsubscribe = queryCache.subscribe((event) => {
    if (event.type === 'added') add(event.query)
    else if (event.type === 'removed') remove(event.query)
  })
  return {
    byPath: (path) => paths.get(path),
    *all() {
      for (const set of paths.values()) yield* set
    },
    close: unsubscribe,
  }
}
