import { mutationIdHeader, mutationRoute } from '@mizan/server/protocol'
import type { MutationAnswer } from '@mizan/server/protocol'
import { fromWireError } from './client-error.ts'
import type { CallOptions, Connection, HeadersValue } from './client-options.ts'
import type { StartedSession } from './csrf-session.ts'
import { decodeData } from './decode-data.ts'
import { decodeDirectives } from './decode-directives.ts'
import type { Tools } from './client-types.ts'
import type { InvalidationScheduler } from './invalidation-scheduler.ts'
import { newMutationId } from './new-mutation-id.ts'
import { isWireError, networkError, readJson, requestError } from './read-json.ts'

/** What `$mutate` takes: a call's own options, and a hook for bridges that act on the answer. */
export interface MutateOptions extends CallOptions {
  /**
   * Called with the answer's mutation id and how many directives it carries (0 when none, as
   * after a refused call) just before they go to the scheduler, so they flush after this call.
   * The React bridge uses it to wait for the refetches a write caused.
   */
  readonly onDirectives?: ((mutationId: string, count: number) => void) | undefined
}

/** Live events' record of this client's writes, whose echoes the answers stand in for. */
export interface OwnWrites {
  ownWrite(id: string): void
  unanswered(id: string): void
}

export type MutateFn = (path: string, input: unknown, options?: MutateOptions) => Promise<unknown>

/** What a write's answer goes to. */
export interface MutateParts {
  readonly scheduler: InvalidationScheduler
  /** Live events, when on. */
  readonly ownWrites?: OwnWrites | undefined
  /** The CSRF session, when on. */
  readonly session?: StartedSession | undefined
  /** Its inspector, when one is attached, is told which path each answer's directives came from. */
  readonly tools?: Tools | undefined
}

/**
 * Sends a write under an id of its own, and hands its directives to the scheduler, after a
 * success and after a failure alike (a write can fail after changing something); then resolves
 * its data or rejects its error. The id goes to `ownWrites` (live events) before the request
 * leaves, so the echo of this write on the event stream is recognised even before the answer.
 */
export function createMutate(connection: Connection, { scheduler, ownWrites, session, tools }: MutateParts): MutateFn {
  return async (path, input, { headers: own, signal, onDirectives } = {}) => {
    const headers = await connection.headers()
    const id = newMutationId()
    ownWrites?.ownWrite(id)
    const send = (withToken = (headers: HeadersValue) => headers) =>
      connection
        .fetch(connection.url + mutationRoute + encodeURIComponent(path), {
          method: 'POST',
          headers: withToken({ ...headers, ...own, [mutationIdHeader]: id, 'content-type': 'application/json' }),
          body: input === undefined ? '' : JSON.stringify(connection.transformer.serialize(input)),
          credentials: connection.credentials,
          signal,
        })
        .catch((cause: unknown) => {
          throw networkError(cause, path, signal)
        })
    let response: Response
    let answer: unknown
    try {
      // With a session, the CSRF token goes along (a stale one is refreshed once: see sendWithCsrf).
      response = await (session ? session.send(path, signal, send) : send())
      answer = await readJson(response, path)
      if (!isMutationAnswer(answer)) throw requestError(answer, response.status, path)
    } catch (error) {
      // No answer says what happened: the write may have, and its echo is then all there is.
      ownWrites?.unanswered(id)
      throw error
    }
    const { id: answerId } = answer
    // A server that ignores the header made its own id: its echo is this write's too.
    if (answerId !== id) ownWrites?.ownWrite(answerId)
    const directives = decodeDirectives(connection.transformer, answer.invalidate, ['mutation', path])
    // The flush merges writes and keeps only ids: this says which path an id's directives came from.
    const inspector = tools?.inspector
    if (inspector?.listening) inspector.emit({ type: 'mutation', path, mutationId: answerId, directives })
    try {
      onDirectives?.(answerId, directives.length)
    } finally {
      scheduler.enqueue(directives, answerId, 'response')
    }
    if ('error' in answer) throw fromWireError(answer.error, path)
    return decodeData(connection.transformer, answer, path, response.status)
  }
}

/**
 * An object with a string `id`: a success (its `data`, absent when it was `undefined` under plain
 * JSON) or a well-formed `error`. Its `invalidate` is decoded leniently, on its own.
 */
function isMutationAnswer(value: unknown): value is MutationAnswer | { readonly id: string; readonly invalidate?: unknown } {
  // A string `id` is found only on an object (JSON arrays and primitives have none).
  const answer = (value ?? 0) as { id?: unknown; error?: unknown }
  return typeof answer.id === 'string' && (!('error' in answer) || isWireError(answer.error))
}
