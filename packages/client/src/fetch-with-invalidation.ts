import { decodeNoticeHeader, invalidateHeader } from '@mizan/server/protocol'
import type { Connection } from './client-options.ts'
import { decodeDirectives } from './decode-directives.ts'
import type { InvalidationScheduler } from './invalidation-scheduler.ts'
import { warnDropped } from './warn-dropped.ts'

/**
 * `fetch` for requests outside the router (a form post, an upload): when the answer carries a
 * `Mizan-Invalidate` header, its directives go to the scheduler like a mutation's.
 *
 * @example await client.$fetch('/cart/clear', { method: 'POST' })
 */
export function createFetchWithInvalidation(connection: Connection, scheduler: InvalidationScheduler): typeof fetch {
  return async (input, init) => {
    const response = await connection.fetch(input as string, init ?? {})
    const header = response.headers.get(invalidateHeader)
    if (!header) return response
    // The write behind this answer happened: a header that does not decode is dropped (with a
    // warning in development), never turned into a rejection.
    const source = ['header', response.url] as const
    const notice = decodeNoticeHeader(header)
    if (notice) scheduler.enqueue(decodeDirectives(connection.transformer, notice.invalidate, source), notice.id, 'header')
    else warnDropped(source, 'notANotice')
    return response
  }
}
