import { invalidateEvent } from '../protocol/wire.ts'

// The Server-Sent Events text of `GET {base}/events`. JSON never holds a raw line break, so a
// notice is always one `data:` line.

/**
 * Sent first: headers flush at once (proxies and fetch see the stream open), and a browser that
 * lost the stream retries after 2 s.
 */
export const connectedFrame = 'retry: 2000\n: connected\n\n'

/** A comment, ignored by clients, that keeps proxies from closing an idle stream. */
export const pingFrame = ': ping\n\n'

/** One write's notice, `{ id, invalidate }` with the invalidate already in its serialised (JSON) form. */
export function noticeFrame(eventId: number, mutationId: string, invalidate: unknown): string {
  return `id: ${eventId}\nevent: ${invalidateEvent}\ndata: ${JSON.stringify({ id: mutationId, invalidate })}\n\n`
}

/** The headers of an event stream: no caching, no compression or proxy buffering that would hold frames back. */
export const eventStreamHeaders: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
  'x-content-type-options': 'nosniff',
})
