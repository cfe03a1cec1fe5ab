import type { Query, QueryCache } from '@tanstack/react-query'
import type { Transformer } from '@mizan/client'
import { fieldKeysOf, holdsFields } from '@mizan/client'
import type { FieldKeys } from '@mizan/client'
import { parsedParamsOf } from './parsed-params.ts'
import type { ParsedParams } from './parsed-params.ts'
import { pathOfKey } from './query-key.ts'

/**
 * The Mizan queries of a cache by context path, kept current through the cache's own events,
 * so a flush looks at the queries of the contexts it names, never at every cached query. A query
 * whose read was answered with parsed params (see `ParsedParams`) is known by both forms: by its
 * key, and by the params the server parsed.
 */
export interface QueryIndex {
  byPath(path: string): ReadonlySet<Query> | undefined
  /** The queries whose parsed params make the (plain) key of this hash. */
  byParsedHash(hash: string): ReadonlySet<Query> | undefined
  /**
   * The queries of `path` whose params, in one of their forms, hold every wanted field's key and
   * lack every field wanted as `undefined`; params that do not decode hold no field. Found
   * through a map per field of the values queries hold, built the first time a directive names
   * the field and kept current afterwards, so the cost follows the queries holding the wanted
   * values, not the context's size. `transformer` is the client's, the same on every call.
   */
  byFields(path: string, wanted: FieldKeys, transformer: Transformer): Query[]
  /** Every Mizan query of the cache, for an `all` directive. */
  all(): Iterable<Query>
  close(): void
}

// The queries of one field of one context by the canonical key of the field's value; those
// lacking the field under `lacking` (a canonical key is JSON text, so it is never that).
type FieldMap = Map<string, Set<Query>>
const lacking = '\u0000'

export function createQueryIndex(queryCache: QueryCache): QueryIndex {
  const paths = new Map<string, Set<Query>>()
  // Per path, the field maps directives asked for so far.
  const fieldMaps = new Map<string, Map<string, FieldMap>>()
  let fieldsTransformer: Transformer | undefined
  // The parsed params each query is indexed with, and the queries by the hash of those.
  const parsed = new Map<Query, ParsedParams>()
  const byParsedHash = new Map<string, Set<Query>>()
  const forms = (query: Query) => formsOf(query, parsed.get(query), fieldsTransformer!)

  // A query goes to the bucket of its value of the field in each form of its params, so a
  // partial directive looks at the queries holding the value it wants, not at the whole context.
  const place = (query: Query, field: string, map: FieldMap, add: boolean) => {
    for (const own of forms(query)) (add ? put : drop)(map, own.get(field) ?? lacking, query)
  }

  const add = (query: Query) => {
    const path = pathOfKey(query.queryKey)
    if (path === undefined) return
    put(paths, path, query)
    const known = parsedParamsOf(query)
    if (known) {
      parsed.set(query, known)
      put(byParsedHash, known.hash, query)
    }
    for (const [field, map] of fieldMaps.get(path) ?? []) place(query, field, map, true)
  }
  const remove = (query: Query) => {
    const path = pathOfKey(query.queryKey)
    if (path === undefined) return
    for (const [field, map] of fieldMaps.get(path) ?? []) place(query, field, map, false)
    const known = parsed.get(query)
    if (known) drop(byParsedHash, known.hash, query)
    parsed.delete(query)
    if (!drop(paths, path, query)) fieldMaps.delete(path)
  }

  const byFields = (path: string, wanted: FieldKeys, transformer: Transformer): Query[] => {
    const queries = paths.get(path)
    if (!queries) return []
    fieldsTransformer = transformer
    let maps = fieldMaps.get(path)
    if (!maps) fieldMaps.set(path, (maps = new Map()))
    // The smallest set of queries that may match: the bucket of the most selective field.
    let candidates: ReadonlySet<Query> = queries
    for (const [field, key] of wanted) {
      let map = maps.get(field)
      if (!map) {
        maps.set(field, (map = new Map()))
        for (const query of queries) place(query, field, map, true)
      }
      const bucket = map.get(key ?? lacking)
      if (!bucket) return []
      if (bucket.size < candidates.size) candidates = bucket
    }
    return [...candidates].filter((query) => forms(query).some((own) => holdsFields(own, wanted)))
  }
  for (const query of queryCache.getAll()) add(query)
  const unsubscribe = queryCache.subscribe((event) => {
    if (event.type === 'added') add(event.query)
    else if (event.type === 'removed') remove(event.query)
    // A read answered with parsed params recorded them before its data arrived: index them.
    else if (event.type === 'updated' && event.action.type === 'success' && parsedParamsOf(event.query) !== parsed.get(event.query)) {
      remove(event.query)
      add(event.query)
    }
  })
  return {
    byPath: (path) => paths.get(path),
    byParsedHash: (hash) => byParsedHash.get(hash),
    byFields,
    *all() {
      for (const set of paths.values()) yield* set
    },
    close: unsubscribe,
  }
}

function put<K>(map: Map<K, Set<Query>>, key: K, query: Query): void {
  let set = map.get(key)
  if (!set) map.set(key, (set = new Set()))
  set.add(query)
}

/** Whether queries remain under the key. */
function drop<K>(map: Map<K, Set<Query>>, key: K, query: Query): boolean {
  const set = map.get(key)
  set?.delete(query)
  if (set?.size) return true
  map.delete(key)
  return false
}

// The field keys of a query's params, computed once and kept with it; none for params that do
// not decode (a key Mizan did not make), which only whole and `all` directives match.
const rawFields = new WeakMap<Query, FieldKeys | null>()

function formsOf(query: Query, parsed: ParsedParams | undefined, transformer: Transformer): FieldKeys[] {
  let own = rawFields.get(query)
  if (own === undefined) {
    const input = query.queryKey[2]
    try {
      own = fieldKeysOf(input == null ? input : transformer.deserialize(input), transformer, false)
    } catch {
      own = null
    }
    rawFields.set(query, own)
  }
  return [own, parsed?.fields].filter((fields) => !!fields)
}
