import { canonicalKey } from '../protocol/canonical-key.ts'
import type { Transformer } from '../protocol/transformer.ts'

/** Each field's canonical key; in a partial purge, `undefined` for a field params must lack. */
export type FieldKeys = ReadonlyMap<string, string | undefined>

/**
 * The field keys of params, by the client's rule (`@mizan/react`'s `fieldKeysOf`), so a partial
 * directive matches the same instances on both sides: a field holding `undefined` is kept as
 * `undefined` when `keepUndefined` (a directive's "must lack it") and dropped otherwise (an
 * instance lacks it). Params that are no plain-enough object have no fields. Throws for a field
 * no canonical key can be made of.
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

/** Whether an instance's fields hold every wanted field (and lack those wanted as undefined). */
export function holdsFields(own: FieldKeys, wanted: FieldKeys): boolean {
  for (const [field, key] of wanted) if (own.get(field) !== key) return false
  return true
}
