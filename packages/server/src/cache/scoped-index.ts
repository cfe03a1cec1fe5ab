import type { CacheKey, CacheScope, PurgeSelector } from './result-cache.ts'
import { holdsFields } from '../protocol/field-keys.ts'

/**
 * Items keyed by cache key, grouped by context and scope, so a purge looks only at the entries
 * of the context (and scope) it names, never at the whole cache.
 */
export class ScopedIndex<T extends { readonly key: CacheKey }> {
  readonly #contexts = new Map<string, Map<CacheScope, Set<T>>>()

  add(item: T): void {
    let scopes = this.#contexts.get(item.key.context)
    if (!scopes) this.#contexts.set(item.key.context, (scopes = new Map()))
    let items = scopes.get(item.key.scope)
    if (!items) scopes.set(item.key.scope, (items = new Set()))
    items.add(item)
  }

  delete(item: T): void {
    const scopes = this.#contexts.get(item.key.context)
    const items = scopes?.get(item.key.scope)
    if (!scopes || !items?.delete(item)) return
    if (items.size === 0) scopes.delete(item.key.scope)
    if (scopes.size === 0) this.#contexts.delete(item.key.context)
  }

  clear(): void {
    this.#contexts.clear()
  }

  /** The items a selector matches, as a copy: the caller may delete them while going through. */
  select(selector: PurgeSelector): T[] {
    if (selector.kind === 'all') return [...this.#contexts.values()].flatMap((scopes) => [...scopes.values()].flatMap((items) => [...items]))
    const scopes = this.#contexts.get(selector.context)
    if (!scopes) return []
    const buckets = selector.scope === null ? [...scopes.values()] : [scopes.get(selector.scope) ?? []]
    const matched: T[] = []
    for (const items of buckets) {
      for (const item of items) if (matches(item.key, selector)) matched.push(item)
    }
    return matched
  }
}

function matches(key: CacheKey, selector: Exclude<PurgeSelector, { kind: 'all' }>): boolean {
  if (selector.kind === 'whole') return true
  if (selector.kind === 'exact') return key.params === selector.params
  return holdsFields(key.fields(), selector.fields)
}
