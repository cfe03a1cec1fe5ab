import { purgeDirectives } from '../cache/purge-directives.ts'
import type { MaybePromise } from '../procedure.ts'
import { dedupeDirectives } from '../protocol/directive.ts'
import type { InvalidationDirective } from '../protocol/directive.ts'
import { encodeNoticeHeader } from '../protocol/notice-header.ts'
import { wireDefaults } from '../protocol/wire.ts'
import type { AnyRouter } from '../router.ts'
import { getRouterIndex } from '../router-index.ts'
import { toDirectives } from '../to-directives.ts'
import type { Targets } from '../target.ts'
import { newMutationId } from './mutation-id.ts'

interface Notice {
  readonly id: string
  directives: InvalidationDirective[]
}

/**
 * Builds `Mizan-Invalidate` header values for writes outside the router. Targets go through the
 * same resolution as a mutation's; several calls for one request share one id and one header.
 */
export function createNoticeBuilder(router: AnyRouter, maxBytes: number = wireDefaults.maxHeaderBytes) {
  const index = getRouterIndex(router)
  const { transformer } = router._def.config
  const notices = new WeakMap<object, Notice>()

  return {
    add(request: object, name: string, targets: Targets): { directives: readonly InvalidationDirective[]; header: string } {
      const added = toDirectives(index, name, targets)
      let notice = notices.get(request)
      if (!notice) {
        notice = { id: newMutationId(), directives: [] }
        notices.set(request, notice)
      }
      notice.directives = dedupeDirectives([...notice.directives, ...added], transformer)
      return { directives: added, header: encode(notice.id, notice.directives) }
    },
    /**
     * Purges the result cache for a view-path write's directives, as the user of its request
     * context (asked for only when the router has a cache): the same purge as a mutation's.
     */
    async purge(directives: readonly InvalidationDirective[], ctx: () => MaybePromise<unknown>): Promise<void> {
      if (!index.cache || directives.length === 0) return
      await purgeDirectives(index, directives, { user: index.cache.userOf(await ctx()) })
    },
  }

  function encode(id: string, directives: readonly InvalidationDirective[]): string {
    const header = encodeNoticeHeader({ id, invalidate: transformer.serialize(directives) })
    if (header.length <= maxBytes) return header
    // Too big for a header: widen scoped directives to their whole context, and past that to
    // everything; each step invalidates more but never less.
    const widened = dedupeDirectives(
      directives.map((d): InvalidationDirective => (d.kind === 'all' ? d : { kind: 'whole', context: d.context })),
      transformer,
    )
    const smaller = encodeNoticeHeader({ id, invalidate: transformer.serialize(widened) })
    if (smaller.length <= maxBytes) return smaller
    return encodeNoticeHeader({ id, invalidate: transformer.serialize([{ kind: 'all' }]) })
  }
}
