import type { InvalidationDirective } from '../protocol/directive.ts'
import { canonicalKey } from '../protocol/canonical-key.ts'
import type { RouterIndex } from '../router-index.ts'
import { fieldKeysOf } from '../protocol/field-keys.ts'
import type { CacheScope, PurgeSelector } from './result-cache.ts'

/** Whose user-scoped entries a write's directives reach. */
export interface PurgeScope {
  /** The key of the acting user (see `userKey`); undefined for an anonymous write. */
  readonly user: string | undefined
}

/**
 * Drops the cached results a write's directives name, by the client's matching rules, and
 * settles once they are gone: callers await it before answering the write (read-your-writes).
 * The one purge of the RPC mutations, `createCaller` mutations and the view-path helper.
 *
 * A public context's entries go for everyone; a user-scoped context's for the acting user only
 * (an anonymous write has no user-scoped entries to drop); `all` drops every entry. Params that
 * cannot be keyed widen to their whole context. Contexts without `.cache()` are skipped.
 */
export async function purgeDirectives(index: RouterIndex, directives: readonly InvalidationDirective[], scope: PurgeScope): Promise<void> {
  const cache = index.cache
  if (!cache || directives.length === 0) return
  const selectors: PurgeSelector[] = []
  for (const directive of directives) {
    if (directive.kind === 'all') {
      selectors.push({ kind: 'all' })
      continue
    }
    const def = index.procedures.get(directive.context)?._def
    if (!def?.cache) continue
    const cacheScope: CacheScope | undefined = def.scope === 'public' ? 'public' : scope.user === undefined ? undefined : `user:${scope.user}`
    if (cacheScope === undefined) continue
    const { context } = directive
    try {
      if (directive.kind === 'exact') selectors.push({ kind: 'exact', context, scope: cacheScope, params: canonicalKey(directive.params, cache.transformer) })
      else if (directive.kind === 'partial') selectors.push({ kind: 'partial', context, scope: cacheScope, fields: fieldKeysOf(directive.params, cache.transformer, true) })
      else selectors.push({ kind: 'whole', context, scope: cacheScope })
    } catch {
      selectors.push({ kind: 'whole', context, scope: cacheScope })
    }
  }
  if (selectors.length > 0) await cache.store.purge(selectors)
}
