import type { Connection } from './client-options.ts'
import { eventSourceTransport } from './event-source-transport.ts'
import type { EventSourceConstructor } from './event-source-transport.ts'
import type { EventTransport } from './event-transport.ts'
import { fetchEventTransport } from './fetch-event-transport.ts'

export type TransportChoice = 'auto' | 'eventsource' | 'fetch'

/**
 * `'auto'` takes `EventSource` when it exists and the client sends no headers of its own (it
 * cannot send them), and fetch otherwise. An `EventSource` hides why a server refused it: after
 * such a refusal, `'auto'` goes on with fetch, which sees the status, so that a 404 stops the
 * stream and a 429 backs off rather than both being retried alike.
 */
export function chooseTransport(
  choice: TransportChoice,
  connection: Connection,
  hasHeaders: boolean,
  EventSourceClass: EventSourceConstructor | undefined,
): EventTransport {
  const withFetch = fetchEventTransport(connection)
  if (choice === 'fetch' || (choice === 'auto' && (hasHeaders || !EventSourceClass))) return withFetch
  if (!EventSourceClass) throw new TypeError('liveEvents({ transport: "eventsource" }) needs an EventSource: there is none here, pass one as the `EventSource` option')
  const withEventSource = eventSourceTransport(EventSourceClass, connection.credentials === 'include')
  if (choice === 'eventsource') return withEventSource
  let current = withEventSource
  return (url, handlers) =>
    current(url, {
      ...handlers,
      fail(status, refused) {
        if (refused && status === undefined) current = withFetch
        handlers.fail(status, refused)
      },
    })
}
