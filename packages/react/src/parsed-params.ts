import { hashKey } from '@tanstack/react-query'
import type { Query, QueryClient, QueryKey } from '@tanstack/react-query'
import type { Transformer } from '@mizan/client'
import { fieldKeysOf } from '@mizan/client'
import type { FieldKeys } from '@mizan/client'
import { pathOfKey, queryKeyOf } from './query-key.ts'

/**
 * How the server's schema parsed a query's params (trimmed, coerced, defaults filled), when
 * that differs from the params of its key. A directive naming either form finds the query.
 */
export interface ParsedParams {
  /** The hash of the key the parsed params make: exact directives look the query up by it. */
  readonly hash: string
  /**
   * The field keys of the parsed params (an infinite query's without its cursor, as its key
   * holds them), for partial directives; null when they have none.
   */
  readonly fields: FieldKeys | null
}

const parsedOf = new WeakMap<Query, ParsedParams>()

export function parsedParamsOf(query: Query): ParsedParams | undefined {
  return parsedOf.get(query)
}

/**
 * Records the parsed params a read's answer carried on the query of `queryKey`, before the read
 * resolves, so the provider's index knows the query by them once its data arrives. Throws for
 * params no key can be made of (the read batcher ignores that: the query keeps its own key only).
 */
export function recordParsedParams(queryClient: QueryClient, queryKey: QueryKey, parsed: unknown, transformer: Transformer): void {
  const query = queryClient.getQueryCache().get(hashKey(queryKey))
  const path = pathOfKey(queryKey)
  if (!query || path === undefined) return
  let params = parsed
  // An infinite query reads its params with a cursor its key leaves out.
  if (queryKey.length > 3 && typeof parsed === 'object' && parsed !== null) {
    const { cursor: _cursor, ...rest } = parsed as { cursor?: unknown }
    params = rest
  }
  let fields: FieldKeys | null = null
  try {
    fields = fieldKeysOf(params, transformer, false)
  } catch {}
  parsedOf.set(query, { hash: hashKey(queryKeyOf(path, params, transformer)), fields })
}
