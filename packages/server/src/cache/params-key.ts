import { canonicalKey } from '../protocol/canonical-key.ts'
import type { Transformer } from '../protocol/transformer.ts'

/**
 * The key of a cache entry's params: their canonical key, and `''` for none. A read without
 * input and a purge naming `undefined` params (or params its schema parses to `undefined`) must
 * meet on one key, which `canonicalKey` alone does not give under every transformer (superjson
 * writes `undefined` as metadata). Throws where `canonicalKey` does.
 */
export function paramsKey(params: unknown, transformer: Transformer): string {
  return params === undefined ? '' : canonicalKey(params, transformer)
}
