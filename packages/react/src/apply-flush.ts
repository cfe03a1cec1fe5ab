import { hashKey, notifyManager } from '@tanstack/react-query'
import type { Query, QueryClient } from '@tanstack/react-query'
import { canonicalKey } from '@mizan/client'
import type { FlushedDirective, Transformer } from '@mizan/client'
import type { QueryIndex } from './query-index.ts'
import { instanceKeysOf } from './query-key.ts'

const noop = () => {}

/**
 * Applies one flush of directives to a QueryClient without scanning its cache: exact targets by
 * hash (`queryCache.get`) of their canonical key, whole and partial ones through the index of
 * their context's queries, `all` through every Mizan query of the index. Partial directives
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
    } else {
      const wanted = wantedFields(directive.params, transformer)
      if (!wanted) wholeContext(directive.context)
      else for (const query of index.byPath(directive.context) ?? []) if (holdsFields(query, wanted, transformer)) hits.add(query)
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

/** Each field's canonical key; `undefined` for a field the params must lack. */
type FieldKeys = ReadonlyMap<string, string | undefined>

// Undefined when the params are not an object of fields or a field has no canonical key.
function wantedFields(params: unknown, transformer: Transformer): FieldKeys | undefined {
  if (!isRecord(params)) return undefined
  try {
    const keys = new Map<string, string | undefined>()
    for (const field of Object.keys(params)) {
      const value = params[field]
      keys.set(field, value === undefined ? undefined : canonicalKey(value, transformer))
    }
    return keys
  } catch {
    return undefined
  }
}

// A query's own field keys, computed on its first partial match and kept with it; null for a key
// Mizan did not make (its params do not decode), which only whole and `all` directives match.
const queryFieldKeys = new WeakMap<Query, FieldKeys | null>()

function holdsFields(query: Query, wanted: FieldKeys, transformer: Transformer): boolean {
  let own = queryFieldKeys.get(query)
  if (own === undefined) {
    own = ownFields(query.queryKey[2], transformer)
    queryFieldKeys.set(query, own)
  }
  if (own === null) return false
  for (const [field, key] of wanted) if (own.get(field) !== key) return false
  return true
}

function ownFields(input: unknown, transformer: Transformer): FieldKeys | null {
  const keys = new Map<string, string>()
  if (input === undefined || input === null) return keys
  try {
    const params = transformer.deserialize(input)
    if (!isRecord(params)) return keys
    for (const field of Object.keys(params)) {
      const value = params[field]
      if (value !== undefined) keys.set(field, canonicalKey(value, transformer))
    }
    return keys
  } catch {
    return null
  }
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
