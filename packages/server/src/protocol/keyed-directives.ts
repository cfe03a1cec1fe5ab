import { canonicalForm } from './canonical-key.ts'
import { directiveKey, lackingFields, scopedKey } from './directive.ts'
import type { InvalidationDirective } from './directive.ts'
import { stableKey } from './stable-key.ts'
import type { Transformer } from './transformer.ts'

/**
 * A directive as a write's dedupe keeps it: its key and its wire form (a `WireDirective` as JSON
 * text), both made from one canonical form of its params. So the form sent is the form keyed,
 * and a write makes it once for both.
 */
export interface KeyedDirective {
  readonly directive: InvalidationDirective
  /** Equal keys: the same invalidation (see `directiveKey`). */
  readonly key: string
  /** The directive's wire form, as `encodeDirectives` gives it, in JSON text. */
  readonly json: string
}

/**
 * Keys a directive and writes its wire text. Throws where `canonicalKey` does (params no key can
 * be made of). The params' text is the canonical form with its keys sorted (`stableKey`): JSON
 * of the same value `encodeDirectives` gives.
 */
export function keyDirective(directive: InvalidationDirective, transformer: Transformer): KeyedDirective {
  if (directive.kind === 'all') return { directive, key: directiveKey(directive, transformer), json: '{"kind":"all"}' }
  const context = JSON.stringify(directive.context)
  if (directive.kind === 'whole') return { directive, key: directiveKey(directive, transformer), json: `{"kind":"whole","context":${context}}` }
  const params = stableKey(canonicalForm(directive.params, transformer))
  // Params that serialise to nothing (undefined under plain JSON) are left out, as JSON.stringify leaves them.
  let json = `{"kind":${JSON.stringify(directive.kind)},"context":${context}${params === '' ? '' : `,"params":${params}`}`
  if (directive.kind === 'partial') {
    const lacking = lackingFields(directive.params)
    if (lacking.length > 0) json += `,"lacking":${JSON.stringify(lacking)}`
  }
  return { directive, key: scopedKey(directive, params), json: `${json}}` }
}

/**
 * Removes repeated directives and the scoped ones a whole-context directive already covers,
 * keeping first-seen order, each kept one with its key and wire text. Several scoped directives
 * of one context all survive; an `all` directive covers every other one. A scoped directive whose
 * params cannot be keyed (too deep, a cycle, a value the transformer cannot serialise) widens to
 * its whole context: invalidating more is safe, losing an invalidation is not. Never throws.
 */
export function dedupeKeyed(directives: readonly InvalidationDirective[], transformer: Transformer): KeyedDirective[] {
  if (directives.some((directive) => directive.kind === 'all')) return [keyDirective({ kind: 'all' }, transformer)]
  const keyed = directives.map((directive) => keyOrWiden(directive, transformer))
  // After widening: a directive widened to its whole context covers the rest of that context.
  const whole = new Set<string>()
  for (const { directive } of keyed) if (directive.kind === 'whole') whole.add(directive.context)
  const seen = new Set<string>()
  const result: KeyedDirective[] = []
  for (const entry of keyed) {
    const { directive, key } = entry
    if ((directive.kind === 'exact' || directive.kind === 'partial') && whole.has(directive.context)) continue
    if (seen.has(key)) continue
    seen.add(key)
    result.push(entry)
  }
  return result
}

/** `dedupeKeyed`'s directives alone. */
export function dedupeDirectives(directives: readonly InvalidationDirective[], transformer: Transformer): InvalidationDirective[] {
  return dedupeKeyed(directives, transformer).map(({ directive }) => directive)
}

/** The wire list of keyed directives, as JSON text. */
export function keyedJson(keyed: readonly KeyedDirective[]): string {
  return `[${keyed.map(({ json }) => json).join(',')}]`
}

function keyOrWiden(directive: InvalidationDirective, transformer: Transformer): KeyedDirective {
  if (directive.kind === 'all' || directive.kind === 'whole') return keyDirective(directive, transformer)
  try {
    return keyDirective(directive, transformer)
  } catch {
    return keyDirective({ kind: 'whole', context: directive.context }, transformer)
  }
}
