import type { ErrorCode, WireError } from '@mizan/server/protocol'
import { clientError, fromWireError, notMizanAnswer } from './client-error.ts'
import type { MizanClientError } from './client-error.ts'

/** Reads an answer's JSON; anything else (an HTML error page of a proxy...) is BAD_RESPONSE. */
export async function readJson(response: Response, path: string): Promise<unknown> {
  const { status } = response
  const type = response.headers.get('content-type') ?? ''
  if (!/json/i.test(type)) throw notMizanAnswer(path, status, `content type "${type || 'none'}"`)
  try {
    return await response.json()
  } catch (cause) {
    throw clientError('BAD_RESPONSE', `The server's answer is not valid JSON (HTTP ${status})`, status, path, cause)
  }
}

/**
 * An error as the server sends it. Any string code is accepted, so a newer server's codes
 * still reach callers.
 */
export function isWireError(value: unknown): value is WireError & { code: ErrorCode } {
  const { code, message, status } = (value ?? 0) as Partial<WireError>
  return typeof code === 'string' && typeof message === 'string' && typeof status === 'number'
}

/** The `{ error }` of a request-level failure (405, 413, 415, 400...), or BAD_RESPONSE for other JSON. */
export function requestError(body: unknown, status: number, path: string): MizanClientError {
  const error = (body as { error?: unknown } | null)?.error
  return isWireError(error) ? fromWireError(error, path) : notMizanAnswer(path, status, 'JSON without a Mizan error')
}

/** A fetch failure: the abort reason when the caller aborted, NETWORK otherwise. */
export function networkError(cause: unknown, path: string, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted) return signal.reason
  return clientError('NETWORK', `No answer from the server: ${cause instanceof Error ? cause.message : String(cause)}`, 0, path, cause)
}
