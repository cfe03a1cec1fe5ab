import { canonicalForm } from './canonical-key.ts'
import { directiveKey, lackingFields, scopedKey } from './directive.ts'
import type { InvalidationDirective } from './directive.ts'
import { stableKey } from './stable-key.ts'
import { jsonTransformer } from './transformer.ts'
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
  if (directive.kind === 'all') return allKeyed
  if (directive.kind === 'whole') return wholeKeyed(directive.context)
  const params = stableKey(canonicalForm(directive.params, transformer))
  // Params that serialise to nothing (undefined under plain JSON) are left out, as JSON.stringify leaves them.
  let json = `{"kind":"${directive.kind}","context":${JSON.stringify(directive.context)}${params === '' ? '' : `,"params":${params}`}`
  if (directive.kind === 'partial') {
    const lacking = lackingFields(directive.params)
    if (lacking.length > 0) json += `,"lacking":${JSON.stringify(lacking)}`
  }
  return { directive, key: scopedKey(directive, params), json: `${json}}` }
}

// Shared by every write that gives them, so frozen: whoever is handed one cannot change another's.
const allKeyed: KeyedDirective = Object.freeze({ directive: Object.freeze({ kind: 'all' }), key: 'all', json: '{"kind":"all"}' })

// A whole context's key and text depend on its path alone: made once per context. Contexts are
// the router's, so the map stays small; it stops growing past a bound all the same.
const wholes = new Map<string, KeyedDirective>()
const maxWholes = 10_000

function wholeKeyed(context: string): KeyedDirective {
  let keyed = wholes.get(context)
  if (keyed === undefined) {
    const directive: InvalidationDirective = Object.freeze({ kind: 'whole', context })
    keyed = Object.freeze({ directive, key: directiveKey(directive, jsonTransformer), json: `{"kind":"whole","context":${JSON.stringify(context)}}` })
    if (wholes.size < maxWholes) wholes.set(context, keyed)
  }
  return keyed
}

/**
 * Removes repeated directives and the scoped ones a whole-context directive already covers,
 * keeping first-seen order, each kept one with its key and wire text. Several scoped directives
 * of one context all survive; an `all` directive covers every other one. A scoped directive whose
 * params cannot be keyed (too deep, a cycle, a value the transformer cannot serialise) widens to
 * its whole context: invalidating more is safe, losing an invalidation is not. Never throws.
 */
export function dedupeKeyed(directives: readonly InvalidationDirective[], transformer: Transformer): KeyedDirective[] {
  const keyed: KeyedDirective[] = []
  for (const directive of directives) {
    if (directive.kind === 'all') return [allKeyed]
    keyed.push(keyOrWiden(directive, transformer))
  }
  return keyed.length <= maxPairwise ? dedupeFew(keyed) : dedupeMany(keyed)
}

// Up to this many, directives are compared pairwise rather than through sets: most writes give
// two or three, and two sets cost such a write more than a few comparisons.
const maxPairwise = 8

// A directive widened to its whole context (params that could not be keyed) covers the rest of
// that context, as a whole directive given as such does: both look at the keyed directives.
function dedupeFew(keyed: KeyedDirective[]): KeyedDirective[] {
  let result: KeyedDirective[] | undefined
  for (let i = 0; i < keyed.length; i++) {
    const entry = keyed[i]!
    let drop = coveredIn(keyed, entry.directive)
    for (let j = 0; j < i && !drop; j++) drop = keyed[j]!.key === entry.key
    // Most lists drop nothing: they are kept as they are, no copy made.
    if (drop) result ??= keyed.slice(0, i)
    else result?.push(entry)
  }
  return result ?? keyed
}

function coveredIn(keyed: readonly KeyedDirective[], directive: InvalidationDirective): boolean {
  if (directive.kind !== 'exact' && directive.kind !== 'partial') return false
  for (const { directive: other } of keyed) if (other.kind === 'whole' && other.context === directive.context) return true
  return false
}

function dedupeMany(keyed: readonly KeyedDirective[]): KeyedDirective[] {
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
  let text = '['
  for (let i = 0; i < keyed.length; i++) text += i === 0 ? keyed[i]!.json : `,${keyed[i]!.json}`
  return `${text}]`
}

function keyOrWiden(directive: Exclude<InvalidationDirective, { kind: 'all' }>, transformer: Transformer): KeyedDirective {
  if (directive.kind === 'whole') return wholeKeyed(directive.context)
  try {
    return keyDirective(directive, transformer)
  } catch {
    return wholeKeyed(directive.context)
  }
}
