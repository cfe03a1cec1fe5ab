import { addressTargets } from '../address-targets.ts'
import { applyWrite } from '../apply-write.ts'
import type { MaybePromise } from '../procedure.ts'
import { dedupeDirectives } from '../protocol/keyed-directives.ts'
import { encodeDirectives } from '../protocol/wire-directives.ts'
import type { InvalidationDirective } from '../protocol/directive.ts'
import { encodeNoticeHeader } from '../protocol/notice-header.ts'
import { isMutationId, wireDefaults } from '../protocol/wire.ts'
import type { AnyRouter } from '../router.ts'
import { getRouterIndex } from '../router-index.ts'
import type { Targets } from '../target.ts'
import { newMutationId } from './mutation-id.ts'

/** One view-path write of a request, as its adapter's `invalidate` needs it. */
export interface ViewPathWrite {
  /** Who wrote, for errors: `The write at "POST /cart/clear"`. */
  readonly writer: string
  readonly targets: Targets
  /** The request's `Mizan-Mutation-Id` header, if any: the write's id when well-formed. */
  readonly mutationId: () => unknown
  /** The request context, asked for only when the router has a cache or events (to learn the user). */
  readonly ctx: () => MaybePromise<unknown>
}

export interface ViewPathNotice {
  /** This call's directives, as the acting user's answer would carry them. */
  readonly directives: readonly InvalidationDirective[]
  /** The `Mizan-Invalidate` header value for every call of this request so far. */
  readonly header: string
}

interface Notice {
  readonly id: string
  published: boolean
  directives: InvalidationDirective[]
}

/**
 * Writes outside the router (form posts, webhooks, uploads), shared by the Express and Fetch
 * adapters: targets resolve exactly as a mutation's, and go through the same `applyWrite` (cache
 * purge, then the event). Several calls for one request share one id and one header; each call
 * publishes its own event, the first with that id, later ones with fresh ids (an event id names
 * one event, so a client never drops a later one as a repeat). `report` hears the failures that
 * must not fail the write (see `applyWrite`).
 */
export function createViewPathWrites(router: AnyRouter, report: (error: unknown) => void, maxBytes: number = wireDefaults.maxHeaderBytes) {
  const index = getRouterIndex(router)
  const { transformer } = router._def.config
  const notices = new WeakMap<object, Notice>()

  return async function invalidate(request: object, write: ViewPathWrite): Promise<ViewPathNotice> {
    // An unmounted target is the app's mistake, thrown before any effect.
    const directives = addressTargets(index, write.writer, write.targets)
    let notice = notices.get(request)
    if (!notice) {
      const chosen = write.mutationId()
      notice = { id: isMutationId(chosen) ? chosen : newMutationId(), published: false, directives: [] }
      notices.set(request, notice)
    }
    let actor: string | undefined
    if ((index.cache || index.events) && directives.length > 0) {
      try {
        actor = index.userOf(await write.ctx())
      } catch (error) {
        // The write happened: what everyone may see is still purged and announced.
        report(error)
      }
    }
    const id = notice.published ? newMutationId() : notice.id
    notice.published = true
    const own = (await applyWrite(index, { id, actor, directives }, report)).map(({ directive }) => directive)
    notice.directives = dedupeDirectives([...notice.directives, ...own], transformer)
    return { directives: own, header: encode(notice.id, notice.directives) }
  }

  function encode(id: string, directives: readonly InvalidationDirective[]): string {
    const header = encodeNoticeHeader({ id, invalidate: encodeDirectives(directives, transformer) })
    if (header.length <= maxBytes) return header
    // Too big for a header: widen scoped directives to their whole context, and past that to
    // everything; each step invalidates more but never less.
    const widened = dedupeDirectives(
      directives.map((d): InvalidationDirective => (d.kind === 'all' ? d : { kind: 'whole', context: d.context })),
      transformer,
    )
    const smaller = encodeNoticeHeader({ id, invalidate: encodeDirectives(widened, transformer) })
    if (smaller.length <= maxBytes) return smaller
    return encodeNoticeHeader({ id, invalidate: [{ kind: 'all' }] })
  }
}
