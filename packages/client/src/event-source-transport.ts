import { invalidateEvent } from '@mizan/server/protocol'
import type { EventTransport } from './event-transport.ts'

/** The part of `EventSource` Mizan uses: the browser's class and the `eventsource` package's both fit. */
export interface EventSourceLike {
  readonly readyState: number
  onopen: ((event: Event) => unknown) | null
  onerror: ((event: Event) => unknown) | null
  addEventListener(type: string, listener: (event: MessageEvent) => unknown): void
  close(): void
}

export type EventSourceConstructor = new (url: string, init?: { withCredentials?: boolean }) => EventSourceLike

// `readyState` once the EventSource gave up (a status other than 200, another content type),
// as opposed to CONNECTING while it would retry a dropped connection by itself.
const closed = 2

/**
 * A transport on `EventSource`: the browser's own reconnecting stream, closed at its first error
 * so that reconnecting (with backoff, and the refetch a reconnect calls for) stays Mizan's. A
 * browser's error says no status; the `eventsource` package's says it as `code`.
 */
export function eventSourceTransport(EventSourceClass: EventSourceConstructor, withCredentials: boolean): EventTransport {
  return (url, handlers) => {
    let source: EventSourceLike
    try {
      source = new EventSourceClass(url, { withCredentials })
    } catch {
      // A URL it refuses: reported like a refusal, later, as a transport never reports from within its call.
      const timer = setTimeout(() => handlers.fail(undefined, true))
      return () => clearTimeout(timer)
    }
    source.onopen = () => handlers.open()
    source.addEventListener(invalidateEvent, (event) => handlers.event(String(event.data)))
    source.onerror = (event) => {
      const refused = source.readyState === closed
      const { code } = event as { code?: unknown }
      source.close()
      handlers.fail(typeof code === 'number' ? code : undefined, refused)
    }
    return () => source.close()
  }
}
