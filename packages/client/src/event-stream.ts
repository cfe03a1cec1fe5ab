import { backoffDelay } from './backoff-delay.ts'
import type { BackoffOptions } from './backoff-delay.ts'
import type { EventTransport } from './event-transport.ts'

/** What an event stream reports. */
export interface EventStreamHandlers {
  /** The data of one `invalidate` event. */
  event(data: string): void
  /**
   * A connection is up. `missed` unless it is the first attempt of a stream that nothing came
   * before: after a drop, a refused attempt or another tab's stream, events may have been lost.
   */
  connected(missed: boolean): void
  /** The connection dropped or was refused: a reconnect is due after the backoff. */
  disconnected(): void
  /** The server refused the stream with a 4xx that retrying cannot fix; nothing more is tried. */
  stopped(status: number): void
}

export interface EventStreamOptions {
  readonly url: string
  readonly transport: EventTransport
  readonly backoff: BackoffOptions
  /** The stream takes over from another one (another tab's): its first connection missed events too. */
  readonly takesOver: boolean
}

// A connection that stayed up this long was healthy: the next drop backs off from the start
// again. Shorter ones keep backing off, so a server that accepts and drops at once is not hammered.
const healthyMs = 10_000

/**
 * Keeps one connection to an event stream open: after a drop or a refusal it reconnects with
 * exponential backoff and jitter, except after a 4xx other than 408 and 429 (the request itself
 * is wrong: not found, not allowed), which stops it. Returns the close: no connection and no timer
 * are left after it.
 */
export function openEventStream(options: EventStreamOptions, handlers: EventStreamHandlers): () => void {
  let attempt = 0
  let missed = options.takesOver
  let openedAt: number | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  let closeConnection: (() => void) | undefined

  const connect = () => {
    timer = undefined
    closeConnection = options.transport(options.url, {
      open() {
        openedAt = Date.now()
        handlers.connected(missed)
        missed = true
      },
      event: (data) => handlers.event(data),
      fail(status) {
        closeConnection = undefined
        missed = true
        if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429) return handlers.stopped(status)
        if (openedAt !== undefined && Date.now() - openedAt >= healthyMs) attempt = 0
        openedAt = undefined
        timer = setTimeout(connect, backoffDelay(attempt++, options.backoff))
        handlers.disconnected()
      },
    })
  }

  connect()
  return () => {
    clearTimeout(timer)
    timer = undefined
    closeConnection?.()
    closeConnection = undefined
  }
}
