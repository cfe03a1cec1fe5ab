import type { AddressedDirective } from '../address-targets.ts'
import type { MaybePromise, ProcedureDef } from '../procedure.ts'
import type { InvalidationDirective } from '../protocol/directive.ts'
import { fieldKeysOf } from '../protocol/field-keys.ts'
import type { FieldKeys } from '../protocol/field-keys.ts'
import type { Transformer } from '../protocol/transformer.ts'
import type { RouterIndex } from '../router-index.ts'
import { thenOrNow } from '../then-or-now.ts'
import { paramsKey } from './params-key.ts'
import { parseParams } from './parse-params.ts'
import type { ParsedParams } from './parse-params.ts'
import type { CacheScope, PurgeSelector } from './result-cache.ts'

/**
 * Drops the cached results a write's directives name, by the client's matching rules, and
 * settles once they are gone: callers await it before answering the write (read-your-writes).
 * The one purge of RPC mutations, `createCaller` mutations and view-path writes (see `applyWrite`).
 *
 * A public context's entries go for everyone; a user-scoped context's for the users the
 * directive is addressed to: the acting user (`actor`; an anonymous write has no user-scoped
 * entries to drop), the users `forUser` listed, or every user (`forEveryUser`). `all` drops every
 * entry. Contexts without `.cache()` are skipped.
 *
 * Entries are keyed by the params as the context's schema parsed them, while a directive names
 * them as a client would send them (the schema's input type): a scoped directive reaches both
 * forms (see `matchersOf`). Params that cannot be keyed, or a schema that throws on them, widen
 * to the whole context.
 */
export async function purgeDirectives(index: RouterIndex, directives: readonly AddressedDirective[], actor: string | undefined): Promise<void> {
  const cache = index.cache
  if (!cache || directives.length === 0) return
  const made = directives.map(({ directive, to }) => selectorsOf(index, cache.transformer, directive, userScopes(to, actor)))
  // Schemas are mostly synchronous: wait only when one is not.
  const selectors = made.some((selector) => selector instanceof Promise) ? (await Promise.all(made)).flat() : (made as PurgeSelector[][]).flat()
  if (selectors.length > 0) await cache.store.purge(selectors)
}

/** Which entries of a context a directive matches, in every scope it reaches. */
type Matcher =
  | { readonly kind: 'whole' }
  | { readonly kind: 'exact'; readonly params: string }
  | { readonly kind: 'partial'; readonly fields: FieldKeys }

const whole: readonly Matcher[] = [{ kind: 'whole' }]

function selectorsOf(
  index: RouterIndex,
  transformer: Transformer,
  directive: InvalidationDirective,
  reached: ReadonlyArray<CacheScope | null>,
): MaybePromise<PurgeSelector[]> {
  if (directive.kind === 'all') return [{ kind: 'all' }]
  const def = index.procedures.get(directive.context)?._def
  if (!def?.cache) return []
  const scopes = def.scope === 'public' ? ['public' as const] : reached
  if (scopes.length === 0) return []
  const { context } = directive
  const select = (matchers: readonly Matcher[]) => scopes.flatMap((scope) => matchers.map((matcher): PurgeSelector => ({ ...matcher, context, scope })))
  const matchers = matchersOf(def, directive, transformer)
  return thenOrNow(matchers, select)
}

/**
 * The matchers of a directive: those of its params as named, and those of the same params
 * parsed by the context's schema when that differs. Params the schema refuses keep only the
 * first (no entry can be keyed by what a read would have refused). Never rejects: what cannot
 * be resolved widens to the whole context.
 *
 * A partial directive names some fields, while a schema checks whole objects: most refuse the
 * subset (a required field is missing), and Standard Schema offers no way to run one field's
 * schema, so those fields are matched as named only. When the schema accepts the subset, the
 * named fields are matched as it parsed them too, and only those: a field it filled in (a
 * default) would narrow the match to the instances holding that default. A named field the
 * parsed object lacks is matched as lacking.
 */
function matchersOf(def: ProcedureDef, directive: Exclude<InvalidationDirective, { kind: 'all' }>, transformer: Transformer): MaybePromise<readonly Matcher[]> {
  if (directive.kind === 'whole') return whole
  let named: Matcher
  let parsing: MaybePromise<ParsedParams> | undefined
  try {
    named =
      directive.kind === 'exact'
        ? { kind: 'exact', params: paramsKey(directive.params, transformer) }
        : { kind: 'partial', fields: fieldKeysOf(directive.params, transformer, true) }
    parsing = parseParams(def, directive.params)
  } catch {
    return whole
  }
  if (parsing === undefined) return [named]
  const withParsed = (parsed: ParsedParams): readonly Matcher[] => {
    if (parsed === 'refused') return [named]
    try {
      const other = directive.kind === 'exact' ? exactOf(parsed.value, transformer) : partialOf(directive.params, parsed.value, transformer)
      return other === undefined || sameMatcher(named, other) ? [named] : [named, other]
    } catch {
      return whole
    }
  }
  return parsing instanceof Promise ? parsing.then(withParsed, () => whole) : withParsed(parsing)
}

function exactOf(parsed: unknown, transformer: Transformer): Matcher {
  return { kind: 'exact', params: paramsKey(parsed, transformer) }
}

function partialOf(named: Readonly<Record<string, unknown>>, parsed: unknown, transformer: Transformer): Matcher | undefined {
  // Parsed into no object: its entries have no fields a partial directive could name.
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined
  const fields = Object.keys(named).map((field): [string, unknown] => [field, Object.hasOwn(parsed, field) ? (parsed as Record<string, unknown>)[field] : undefined])
  return { kind: 'partial', fields: fieldKeysOf(Object.fromEntries(fields), transformer, true) }
}

function sameMatcher(a: Matcher, b: Matcher): boolean {
  if (a.kind === 'exact' && b.kind === 'exact') return a.params === b.params
  if (a.kind !== 'partial' || b.kind !== 'partial' || a.fields.size !== b.fields.size) return false
  for (const [field, key] of a.fields) if (!b.fields.has(field) || b.fields.get(field) !== key) return false
  return true
}

/** The scopes of a user-scoped context's entries a directive reaches; null is every user's. */
function userScopes(to: AddressedDirective['to'], actor: string | undefined): ReadonlyArray<CacheScope | null> {
  if (to === 'every') return [null]
  if (to === 'actor') return actor === undefined ? [] : [`user:${actor}`]
  return to.map((user): CacheScope => `user:${user}`)
}
