import { decodeNoticeHeader, invalidateHeader } from '@mizan/server/protocol'
import type { ClientRuntime } from './client-types.ts'
import { decodeDirectives } from './decode-directives.ts'
import { warnDropped } from './warn-dropped.ts'

/**
 * `fetch` for requests outside the router (a form post, an upload), sent like the client's own
 * (its `fetch`, and with `csrfSession()` the token on writes to the router's origin): when the
 * answer carries a `Mizan-Invalidate` header, its directives go to the client's scheduler like a
 * mutation's. Imported on its own, so that apps without view-path writes do not ship it.
 *
 * @example
 * const appFetch = fetchWithInvalidation(client)
 * await appFetch('/cart/clear', { method: 'POST' })
 */
export function fetchWithInvalidation(client: Pick<ClientRuntime, '$connection' | '$scheduler'>): typeof fetch {
  const { $connection: connection, $scheduler: scheduler } = client
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
