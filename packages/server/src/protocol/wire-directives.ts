import { canonicalForm } from './canonical-key.ts'
import { lackingFields } from './directive.ts'
import type { InvalidationDirective } from './directive.ts'
import type { Transformer } from './transformer.ts'

/**
 * A directive as the wire carries it (a write's answer, its `Mizan-Invalidate` header, its
 * event): plain JSON around the params, which are in their canonical form (the transformer's
 * output with `undefined` fields dropped, see `canonicalForm`), the form they were keyed in. A
 * partial directive's fields that instances must lack (`where({ a, b: undefined })`) are listed
 * in `lacking`, since the canonical form drops them.
 */
export type WireDirective =
  | { readonly kind: 'all' }
  | { readonly kind: 'whole'; readonly context: string }
  | { readonly kind: 'exact'; readonly context: string; readonly params: unknown }
  | { readonly kind: 'partial'; readonly context: string; readonly params: unknown; readonly lacking?: readonly string[] }

/**
 * Directives in their wire form, for the header of a view-path write and for events. The list
 * itself never goes through the transformer: only the params do, in their canonical form. A
 * mutation's answer does not come through here: it sends the text its dedupe made with the keys
 * (`KeyedDirective`), the JSON of the same value. Throws where `canonicalForm` does (params no
 * key can be made of); `dedupeDirectives` has widened those.
 */
export function encodeDirectives(directives: readonly InvalidationDirective[], transformer: Transformer): WireDirective[] {
  return directives.map((directive): WireDirective => {
    if (directive.kind === 'all' || directive.kind === 'whole') return directive
    const params = canonicalForm(directive.params, transformer)
    if (directive.kind === 'exact') return { kind: 'exact', context: directive.context, params }
    const lacking = lackingFields(directive.params)
    return { kind: 'partial', context: directive.context, params, ...(lacking.length > 0 ? { lacking } : {}) }
  })
}
