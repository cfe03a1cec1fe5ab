import { MizanError } from '../error.ts'
import { errorStatus } from '../protocol/error-codes.ts'
import type { WireError } from '../protocol/wire.ts'

/**
 * What a client may see of an error. A MizanError keeps its code, message and issues, except
 * INTERNAL ones, whose messages can name internals; anything else becomes a generic INTERNAL.
 * With `debug`, internal messages and stacks are sent too.
 */
export function toWireError(error: unknown, debug: boolean): WireError {
  if (error instanceof MizanError && error.code !== 'INTERNAL') {
    return error.issues
      ? { code: error.code, message: error.message, status: error.status, issues: error.issues }
      : { code: error.code, message: error.message, status: error.status }
  }
  if (debug) {
    const cause = error instanceof MizanError && error.cause !== undefined ? error.cause : error
    const message = cause instanceof Error ? cause.message : String(cause)
    const stack = cause instanceof Error ? cause.stack : undefined
    return stack ? { code: 'INTERNAL', message, status: errorStatus.INTERNAL, stack } : { code: 'INTERNAL', message, status: errorStatus.INTERNAL }
  }
  return { code: 'INTERNAL', message: 'Internal server error', status: errorStatus.INTERNAL }
}
