import { canonicalKey } from './canonical-key.ts'
import { isRecord } from './is-record.ts'
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
  if (!isRecord(params)) return keys
  for (const [field, value] of Object.entries(params)) {
    if (value !== undefined) keys.set(field, fieldKey(value, transformer))
    else if (keepUndefined) keys.set(field, undefined)
  }
  return keys
}

/**
 * One field's key: its canonical key, except for a string, a boolean, null or a finite number
 * other than -0, keyed by its JSON text without the transformer (a flush over 10,000 queries keys
 * their fields several times faster). That is the canonical key itself under plain JSON, and under
 * superjson, whose forms are all objects (`{"json":7}`), no other value's key is bare JSON text, so
 * two fields still have equal keys exactly when their canonical keys are equal. (A transformer
 * whose form of some object is a bare string could now key that object like a string field:
 * a partial directive would then match more instances, never fewer.) -0, NaN and the infinities
 * take the transformer, which may keep them apart.
 */
function fieldKey(value: unknown, transformer: Transformer): string {
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return JSON.stringify(value)
  if (typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0)) return JSON.stringify(value)
  return canonicalKey(value, transformer)
}

/** Whether an instance's fields (null: params that do not decode) hold every wanted field. */
export function holdsFields(own: FieldKeys | null, wanted: FieldKeys): boolean {
  if (!own) return false
  for (const [field, key] of wanted) if (own.get(field) !== key) return false
  return true
}
