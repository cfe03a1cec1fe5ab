import { canonicalKey } from './canonical-key.ts'
import type { Transformer } from './transformer.ts'

/**
 * What a write tells clients to refetch. `context` is the dotted path of a mounted context.
 * - `all`: everything of the router, when nothing narrower fits (an oversized header, an event
 *   stream that reconnected and may have missed writes);
 * - `whole`: every cached instance of the context;
 * - `exact`: the one instance whose params have the same stable key as `params`;
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
 */
export function directiveKey(directive: InvalidationDirective, transformer: Transformer): string {
  if (directive.kind === 'all') return 'all'
  const params = directive.kind === 'whole' ? '' : canonicalKey(directive.params, transformer)
  return `${directive.kind}:${directive.context}:${params}`
}

/**
 * Removes repeated directives and the scoped ones a whole-context directive already covers,
 * keeping first-seen order. Several scoped directives of one context all survive; an `all`
 * directive covers every other one.
 */
export function dedupeDirectives(
  directives: readonly InvalidationDirective[],
  transformer: Transformer,
): InvalidationDirective[] {
  if (directives.some((directive) => directive.kind === 'all')) return [{ kind: 'all' }]
  const whole = new Set<string>()
  for (const directive of directives) if (directive.kind === 'whole') whole.add(directive.context)
  const seen = new Set<string>()
  const result: InvalidationDirective[] = []
  for (const directive of directives) {
    if (directive.kind === 'all') continue
    if (directive.kind !== 'whole' && whole.has(directive.context)) continue
    const key = directiveKey(directive, transformer)
    if (seen.has(key)) continue
    seen.add(key)
    result.push(directive)
  }
  return result
}
