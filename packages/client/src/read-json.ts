import type { ErrorCode, WireError } from '@mizan/server/protocol'
import { fromWireError, MizanClientError, notMizanAnswer } from './client-error.ts'

/** Reads an answer's JSON; anything else (an HTML error page of a proxy...) is BAD_RESPONSE. */
export async function readJson(response: Response, path: string): Promise<unknown> {
  const type = response.headers.get('content-type') ?? ''
  if (!type.toLowerCase().includes('json')) {
    throw notMizanAnswer(path, response.status, `content type "${type || 'none'}"`)
  }
  try {
    return await response.json()
  } catch (cause) {
    throw new MizanClientError({ code: 'BAD_RESPONSE', message: `The server's answer is not valid JSON (HTTP ${response.status})`, status: response.status, path, cause })
  }
}

/**
 * An error as the server sends it. Any string code is accepted, so a newer server's codes
 * still reach callers.
 */
export function isWireError(value: unknown): value is WireError & { code: ErrorCode } {
  if (typeof value !== 'object' || value === null) return false
  const { code, message, status } = value as Partial<WireError>
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
  const detail = cause instanceof Error ? cause.message : String(cause)
  return new MizanClientError({ code: 'NETWORK', message: `No answer from the server: ${detail}`, status: 0, path, cause })
}
