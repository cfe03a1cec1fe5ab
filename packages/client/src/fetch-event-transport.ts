import { createParser } from 'eventsource-parser'
import { invalidateEvent } from '@mizan/server/protocol'
import type { Connection } from './client-options.ts'
import { maxEventChars } from './decode-event-notice.ts'
import type { EventTransport } from './event-transport.ts'

/**
 * A transport on the client's own `fetch` and headers, for what `EventSource` cannot do: send an
 * `Authorization` header, or run where there is no `EventSource`. The stream is parsed by
 * `eventsource-parser`, bounded: an event that outgrows `maxEventChars` ends the connection (the
 * reconnect's refetch of everything covers what it said).
 */
export function fetchEventTransport(connection: Connection): EventTransport {
  return (url, handlers) => {
    const controller = new AbortController()
    let done = false
    const fail = (status: number | undefined, refused: boolean) => {
      if (done) return
      done = true
      controller.abort()
      handlers.fail(status, refused)
    }
    const parser = createParser({
      maxBufferSize: maxEventChars,
      onEvent: (message) => {
        if (!done && message.event === invalidateEvent) handlers.event(message.data)
      },
      onError: (error) => {
        if (error.type === 'max-buffer-size-exceeded') fail(undefined, false)
      },
    })
    const read = async () => {
      const headers = await connection.headers()
      const response = await connection.fetch(url, {
        method: 'GET',
        headers: { ...headers, accept: 'text/event-stream' },
        credentials: connection.credentials,
        signal: controller.signal,
      })
      const type = response.headers.get('content-type') ?? ''
      if (!response.ok || !response.body || !type.toLowerCase().startsWith('text/event-stream')) {
        void response.body?.cancel().catch(() => {})
        return fail(response.status, true)
      }
      if (done) return
      handlers.open()
      const reader = response.body.getReader()
      const decoder = new TextDecoder()
      while (!done) {
        const { value, done: ended } = await reader.read()
        if (ended) return fail(undefined, false)
        parser.feed(decoder.decode(value, { stream: true }))
      }
    }
    // A network failure, or the abort of `close`: reported as a drop unless closed.
    read().catch(() => fail(undefined, false))
    return () => {
      done = true
      controller.abort()
    }
  }
}
