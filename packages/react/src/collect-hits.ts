import { hashKey } from '@tanstack/react-query'
import type { Query, QueryCache } from '@tanstack/react-query'
import type { FlushedDirective, Transformer } from '@mizan/client'
import { fieldKeysOf, isRecord } from '@mizan/client'
import type { QueryIndex } from './query-index.ts'
import { infiniteOf, queryKeyOf } from './query-key.ts'

/**
 * Adds to `hits` the cached queries one directive names, without scanning the cache: exact
 * targets by hash (`queryCache.get`) of their canonical key, and through the index's parsed
 * params (a query whose schema trimmed, coerced or defaulted its params is known by both forms);
 * whole ones through the index of their context's queries, partial ones through its maps of field
 * values (`byFields`, either form), `all` through every Mizan query of the index. Partial
 * directives compare field by field in canonical form; a field whose value is `undefined` matches
 * the instances whose params lack it. Params with no canonical form widen to their whole context.
 */
export function collectHits(
  queryCache: QueryCache,
  index: QueryIndex,
  transformer: Transformer,
  directive: FlushedDirective,
  hits: Set<Query>,
): void {
  const add = (queries: Iterable<Query | undefined> = []) => {
    for (const query of queries) if (query) hits.add(query)
  }
  if (directive.kind === 'all') return add(index.all())
  const { context } = directive
  try {
    if (directive.kind === 'exact') {
      // The plain and the infinite query of the instance, as React Query hashes `queryKeyOf`'s keys.
      const key = queryKeyOf(context, directive.params, transformer)
      const plain = hashKey(key)
      add([queryCache.get(plain), queryCache.get(hashKey(infiniteOf(key)))])
      // And the queries the server said parse to these params (their keys hold raw ones).
      return add(index.byParsedHash(plain))
    }
    if (directive.kind === 'partial') {
      const { params } = directive
      // Params that are no object of fields (or hold one with no canonical key) widen below.
      if (isRecord(params)) {
        return add(index.byPath(context) && index.byFields(context, fieldKeysOf(params, transformer, true), transformer))
      }
    }
  } catch {}
  // A whole directive, or a scoped one whose params have no canonical form: the whole context.
  add(index.byPath(context))
}
