import { hashKey, notifyManager } from '@tanstack/react-query'
import type { Query, QueryClient } from '@tanstack/react-query'
import type { FlushedDirective, Transformer } from '@mizan/client'
import { fieldKeysOf } from '@mizan/client'
import type { FieldKeys } from '@mizan/client'
import type { QueryIndex } from './query-index.ts'
import { instanceKeysOf } from './query-key.ts'

const noop = () => {}

/**
 * Applies one flush of directives to a QueryClient without scanning its cache: exact targets by
 * hash (`queryCache.get`) of their canonical key, and through the index's parsed params (a query
 * whose schema trimmed, coerced or defaulted its params is known by both forms); whole ones
 * through the index of their context's queries, partial ones through its maps of field values
 * (`byFields`, either form), `all` through every Mizan query of the index. Partial directives
 * compare field by field in canonical form; a field whose value is `undefined` matches the
 * instances whose params lack it. Params with no canonical form widen to their whole context.
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
  const wholeContext = (context: string) => {
    for (const query of index.byPath(context) ?? []) hits.add(query)
  }
  for (const directive of directives) {
    if (directive.kind === 'all') {
      for (const query of index.all()) hits.add(query)
    } else if (directive.kind === 'whole') {
      wholeContext(directive.context)
    } else if (directive.kind === 'exact') {
      const hashes = exactHashes(directive.context, directive.params, transformer)
      if (!hashes) wholeContext(directive.context)
      for (const hash of hashes ?? []) {
        const query = queryCache.get(hash)
        if (query) hits.add(query)
      }
      // And the queries the server said parse to these params (their keys hold raw ones).
      for (const query of (hashes && index.byParsedHash(hashes[0]!)) ?? []) hits.add(query)
    } else {
      const wanted = wantedFields(directive.params, transformer)
      if (!wanted) wholeContext(directive.context)
      else if (index.byPath(directive.context)) for (const query of index.byFields(directive.context, wanted, transformer)) hits.add(query)
    }
  }
  notifyManager.batch(() => {
    for (const query of hits) query.invalidate()
    for (const query of hits) {
      if (query.isActive() && !query.isDisabled() && !query.isStatic()) {
        query.fetch(undefined, { cancelRefetch: true }).catch(noop)
      }
    }
  })
  return hits
}

// The hashes of the instance's plain and infinite query, as React Query hashes the keys
// `queryKeyOf` makes; undefined when the params have no canonical form.
function exactHashes(context: string, params: unknown, transformer: Transformer): string[] | undefined {
  try {
    return instanceKeysOf(context, params, transformer).map((key) => hashKey(key))
  } catch {
    return undefined
  }
}

// Undefined when the params are not an object of fields or a field has no canonical key.
function wantedFields(params: unknown, transformer: Transformer): FieldKeys | undefined {
  if (!isRecord(params)) return undefined
  try {
    return fieldKeysOf(params, transformer, true)
  } catch {
    return undefined
  }
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
