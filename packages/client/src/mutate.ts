import { mutationRoute } from '@mizan/server/protocol'
import type { MutationAnswer } from '@mizan/server/protocol'
import { badResponse, fromWireError } from './client-error.ts'
import type { CallOptions, Connection } from './client-options.ts'
import { decodeDirectives } from './decode-directives.ts'
import type { InvalidationScheduler } from './invalidation-scheduler.ts'
import { isWireError, networkError, readJson, requestError } from './read-json.ts'

export type MutateFn = (path: string, input: unknown, options?: CallOptions) => Promise<unknown>

/**
 * Sends a write and hands its directives to the scheduler, after a success and after a failure
 * alike (a write can fail after changing something); then resolves its data or rejects its error.
 */
export function createMutate(connection: Connection, scheduler: InvalidationScheduler): MutateFn {
  return async (path, input, options = {}) => {
    const headers = await connection.headers()
    const response = await connection
      .fetch(`${connection.url}${mutationRoute}${encodeURIComponent(path)}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: input === undefined ? '' : JSON.stringify(connection.transformer.serialize(input)),
        credentials: connection.credentials,
        signal: options.signal,
      })
      .catch((cause: unknown) => {
        throw networkError(cause, path, options.signal)
      })
    const answer = await readJson(response, path)
    if (!isMutationAnswer(answer)) throw requestError(answer, response.status, path)
    scheduler.enqueue(decodeDirectives(connection.transformer, answer.invalidate, path), answer.id)
    if ('error' in answer) throw fromWireError(answer.error, path)
    try {
      return connection.transformer.deserialize(answer.data)
    } catch {
      throw badResponse(path, response.status, 'the data could not be decoded')
    }
  }
}

function isMutationAnswer(value: unknown): value is MutationAnswer {
  if (typeof value !== 'object' || value === null) return false
  const answer = value as { id?: unknown; error?: unknown }
  if (typeof answer.id !== 'string' || !('invalidate' in answer)) return false
  return 'data' in answer || isWireError(answer.error)
}
