import { canonicalKey } from './canonical-key.ts'
import type { Transformer } from './transformer.ts'

/** Each field's canonical key; in a partial directive, `undefined` for a field params must lack. */
export type FieldKeys = ReadonlyMap<string, string | undefined>

/**
 * The field keys of params, the one rule by which a partial directive matches instances, on the
 * server (result cache purges) and the client (the provider's index) alike: a field holding
 * `undefined` is kept as `undefined` when `keepUndefined` (a directive's "must lack it") and
 * dropped otherwise (an instance lacks it). Params that are no object have no fields. Throws for
 * a field no canonical key can be made of.
 */
export function fieldKeysOf(params: unknown, transformer: Transformer, keepUndefined: boolean): FieldKeys {
  const keys = new Map<string, string | undefined>()
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return keys
  for (const [field, value] of Object.entries(params)) {
    if (value !== undefined) keys.set(field, canonicalKey(value, transformer))
    else if (keepUndefined) keys.set(field, undefined)
  }
  return keys
}

/** Whether an instance's fields (null: params that do not decode) hold every wanted field. */
export function holdsFields(own: FieldKeys | null, wanted: FieldKeys): boolean {
  if (!own) return false
  for (const [field, key] of wanted) if (own.get(field) !== key) return false
  return true
}
