import { stableKey } from './stable-key.ts'

/**
 * What a write tells clients to refetch. `context` is the dotted path of a mounted context.
 * - `whole`: every cached instance of the context;
 * - `exact`: the one instance whose params have the same stable key as `params`;
 * - `partial`: every instance whose params hold each field of `params` with an equal value.
 */
export type InvalidationDirective =
  | { readonly kind: 'whole'; readonly context: string }
  | { readonly kind: 'exact'; readonly context: string; readonly params: unknown }
  | { readonly kind: 'partial'; readonly context: string; readonly params: Readonly<Record<string, unknown>> }

/** Identifies a directive for deduplication: equal keys mean the same invalidation. */
export function directiveKey(directive: InvalidationDirective): string {
  const params = directive.kind === 'whole' ? '' : stableKey(directive.params)
  return `${directive.kind}:${directive.context}:${params}`
}

/**
 * Removes repeated directives and the scoped ones a whole-context directive already covers,
 * keeping first-seen order. Several scoped directives of one context all survive.
 */
export function dedupeDirectives(
  directives: readonly InvalidationDirective[],
): InvalidationDirective[] {
  const whole = new Set<string>()
  for (const directive of directives) if (directive.kind === 'whole') whole.add(directive.context)
  const seen = new Set<string>()
  const result: InvalidationDirective[] = []
  for (const directive of directives) {
    if (directive.kind !== 'whole' && whole.has(directive.context)) continue
    const key = directiveKey(directive)
    if (seen.has(key)) continue
    seen.add(key)
    result.push(directive)
  }
  return result
}
