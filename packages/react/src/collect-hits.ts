import { hashKey } from '@tanstack/react-query'
import type { Query, QueryCache } from '@tanstack/react-query'
import type { FlushedDirective, Transformer } from '@mizan/client'
import { fieldKeysOf } from '@mizan/client'
import type { FieldKeys } from '@mizan/client'
import type { QueryIndex } from './query-index.ts'
import { instanceKeysOf } from './query-key.ts'

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
  if (directive.kind === 'all') {
    for (const query of index.all()) hits.add(query)
  } else if (directive.kind === 'whole') {
    wholeContext(index, directive.context, hits)
  } else if (directive.kind === 'exact') {
    const hashes = exactHashes(directive.context, directive.params, transformer)
    if (!hashes) wholeContext(index, directive.context, hits)
    for (const hash of hashes ?? []) {
      const query = queryCache.get(hash)
      if (query) hits.add(query)
    }
    // And the queries the server said parse to these params (their keys hold raw ones).
    for (const query of (hashes && index.byParsedHash(hashes[0]!)) ?? []) hits.add(query)
  } else {
    const wanted = wantedFields(directive.params, transformer)
    if (!wanted) wholeContext(index, directive.context, hits)
    else if (index.byPath(directive.context)) for (const query of index.byFields(directive.context, wanted, transformer)) hits.add(query)
  }
}

function wholeContext(index: QueryIndex, context: string, hits: Set<Query>): void {
  for (const query of index.byPath(context) ?? []) hits.add(query)
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
