import { canonicalForm } from './canonical-key.ts'
import { stableKey } from './stable-key.ts'
import type { Transformer } from './transformer.ts'

/**
 * What a write tells clients to refetch. `context` is the dotted path of a mounted context.
 * - `all`: everything of the router, when nothing narrower fits (an oversized header, an event
 *   stream that reconnected and may have missed writes);
 * - `whole`: every cached instance of the context;
 * - `exact`: the one instance whose params have the same canonical key as `params`;
 * - `partial`: every instance whose params hold each field of `params` with an equal value.
 */
export type InvalidationDirective =
  | { readonly kind: 'all' }
  | { readonly kind: 'whole'; readonly context: string }
  | { readonly kind: 'exact'; readonly context: string; readonly params: unknown }
  | { readonly kind: 'partial'; readonly context: string; readonly params: Readonly<Record<string, unknown>> }

/**
 * Identifies a directive for deduplication: equal keys mean the same invalidation. Params are
 * compared in their canonical form (see `canonicalKey`), so give the transformer of the wire.
 * Throws when the params cannot be keyed (see `canonicalKey`).
 */
export function directiveKey(directive: InvalidationDirective, transformer: Transformer): string {
  if (directive.kind === 'all') return 'all'
  if (directive.kind === 'whole') return `whole:${directive.context}:`
  const key = `${directive.kind}:${directive.context}:${stableKey(canonicalForm(directive.params, transformer))}`
  if (directive.kind === 'exact') return key
  // The canonical key drops undefined fields: right for an instance (`{ a, b: undefined }` is
  // `{ a }`), not for a partial match, where an undefined field means "lacking it", so
  // `where({ a, b: undefined })` is narrower than `where({ a })` and must not stand in for it.
  const { params } = directive
  const lacking = Object.keys(params).filter((field) => params[field] === undefined)
  return lacking.length === 0 ? key : `${key}:lacking:${JSON.stringify(lacking.sort())}`
}

/**
 * Removes repeated directives and the scoped ones a whole-context directive already covers,
 * keeping first-seen order. Several scoped directives of one context all survive; an `all`
 * directive covers every other one. A scoped directive whose params cannot be keyed (too deep, a
 * cycle, a value the transformer cannot serialise) widens to its whole context: invalidating
 * more is safe, losing an invalidation is not. Never throws.
 */
export function dedupeDirectives(
  directives: readonly InvalidationDirective[],
  transformer: Transformer,
): InvalidationDirective[] {
  if (directives.some((directive) => directive.kind === 'all')) return [{ kind: 'all' }]
  const keyed = directives.map((directive) => withKey(directive, transformer))
  const whole = new Set<string>()
  for (const { directive } of keyed) if (directive.kind === 'whole') whole.add(directive.context)
  const seen = new Set<string>()
  const result: InvalidationDirective[] = []
  for (const { directive, key } of keyed) {
    if (directive.kind === 'all') continue
    if (directive.kind !== 'whole' && whole.has(directive.context)) continue
    if (seen.has(key)) continue
    seen.add(key)
    result.push(directive)
  }
  return result
}

function withKey(directive: InvalidationDirective, transformer: Transformer): { directive: InvalidationDirective; key: string } {
  if (directive.kind === 'all' || directive.kind === 'whole') return { directive, key: directiveKey(directive, transformer) }
  try {
    return { directive, key: directiveKey(directive, transformer) }
  } catch {
    const widened: InvalidationDirective = { kind: 'whole', context: directive.context }
    return { directive: widened, key: directiveKey(widened, transformer) }
  }
}
