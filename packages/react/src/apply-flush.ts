import { hashKey, notifyManager } from '@tanstack/react-query'
import type { Query, QueryClient } from '@tanstack/react-query'
import { stableKey } from '@mizan/client'
import type { FlushedDirective, Transformer } from '@mizan/client'
import type { QueryIndex } from './query-index.ts'
import { infiniteMarker } from './query-key.ts'

const noop = () => {}

/**
 * Applies one flush of directives to a QueryClient without scanning its cache: exact targets by
 * hash (`queryCache.get`), whole and partial ones through the index of their context's queries.
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
  for (const directive of directives) {
    if (directive.kind === 'all') {
      for (const query of index.all()) hits.add(query)
    } else if (directive.kind === 'whole') {
      for (const query of index.byPath(directive.context) ?? []) hits.add(query)
    } else if (directive.kind === 'exact') {
      const input = transformer.serialize(directive.params)
      for (const key of [['mizan', directive.context, input], ['mizan', directive.context, input, infiniteMarker]]) {
        const query = queryCache.get(hashKey(key))
        if (query) hits.add(query)
      }
    } else {
      const wanted = fieldKeys(directive.params, transformer)
      for (const query of index.byPath(directive.context) ?? []) {
        if (holdsFields(query, wanted, transformer)) hits.add(query)
      }
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

type FieldKeys = ReadonlyMap<string, string>

// Field by field in the transformer's form, so Dates and Maps compare by value.
function fieldKeys(params: unknown, transformer: Transformer): FieldKeys {
  const keys = new Map<string, string>()
  if (typeof params !== 'object' || params === null) return keys
  for (const [field, value] of Object.entries(params)) {
    if (value !== undefined) keys.set(field, stableKey(transformer.serialize(value)))
  }
  return keys
}

// A query's own field keys, computed on its first partial match and kept with it.
const queryFieldKeys = new WeakMap<Query, FieldKeys>()

function holdsFields(query: Query, wanted: FieldKeys, transformer: Transformer): boolean {
  let own = queryFieldKeys.get(query)
  if (!own) {
    const input = query.queryKey[2]
    own = input === undefined || input === null ? new Map() : fieldKeys(transformer.deserialize(input), transformer)
    queryFieldKeys.set(query, own)
  }
  for (const [field, key] of wanted) if (own.get(field) !== key) return false
  return true
}
