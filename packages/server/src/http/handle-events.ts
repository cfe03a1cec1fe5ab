import { MizanError } from '../error.ts'
import type { EventHub } from '../events/event-hub.ts'
import { eventStreamHeaders } from '../events/sse-frames.ts'
import type { MaybePromise } from '../procedure.ts'
import type { RouterIndex } from '../router-index.ts'
import type { HttpRequest, HttpResponse } from './http-types.ts'

/**
 * Answers `GET {base}/events` with a stream of the writes this request's user may see (their
 * user-scoped contexts, every public one; anonymous: public ones only). The request context is
 * made once, to learn the user; the stream ends when the client goes or the server closes.
 */
export async function answerEvents(index: RouterIndex, request: HttpRequest, createContext: () => MaybePromise<unknown>): Promise<HttpResponse> {
  const hub = eventsOf(index)
  // Refused before the app's context is made when the instance is full or closing.
  hub.assertCanOpen()
  const user = index.userOf(await createContext())
  return { status: 200, headers: eventStreamHeaders, body: hub.open(user, request.signal) }
}

function eventsOf(index: RouterIndex): EventHub {
  if (index.events) return index.events
  throw new MizanError({
    code: 'NOT_FOUND',
    message: 'Events are not enabled: give create() an event bus, e.g. events: memoryEvents()',
  })
}
