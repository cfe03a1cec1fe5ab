import type { ErrorCode, ValidationIssue } from '@mizan/server/protocol'

/**
 * Codes a client error may carry: the server's, plus NETWORK (no answer arrived) and
 * BAD_RESPONSE (an answer arrived that is not Mizan's wire format).
 */
export type ClientErrorCode = ErrorCode | 'NETWORK' | 'BAD_RESPONSE'

export interface MizanClientErrorOptions {
  readonly code: ClientErrorCode
  readonly message: string
  /** The HTTP status; 0 when no answer arrived. */
  readonly status: number
  readonly path: string
  readonly issues?: readonly ValidationIssue[] | undefined
  readonly cause?: unknown | undefined
}

/** Every failed call rejects with this: the code, HTTP status, validation issues and call path. */
export class MizanClientError extends Error {
  override readonly name = 'MizanClientError'
  // Declared, then assigned at once below: the same own fields, in fewer bytes of every bundle.
  declare readonly code: ClientErrorCode
  declare readonly status: number
  declare readonly path: string
  declare readonly issues: readonly ValidationIssue[] | undefined

  constructor({ message, cause, ...fields }: MizanClientErrorOptions) {
    super(message, { cause })
    Object.assign(this, fields)
  }

  /** A 4xx: the request itself is wrong, so sending it again cannot help. */
  get isClientError(): boolean {
    return this.status >= 400 && this.status < 500
  }
}

/** A client error of the runtime's own (NETWORK, BAD_RESPONSE), positional to keep call sites short. */
export function clientError(code: ClientErrorCode, message: string, status: number, path: string, cause?: unknown): MizanClientError {
  return new MizanClientError({ code, message, status, path, cause })
}

/**
 * The client error of an error the server sent; also gives a client error (with its `cause`) the
 * call path of each read of a bundle it failed. Only the wire's fields are taken (never `stack`).
 */
export function fromWireError({ code, message, status, issues }: Omit<MizanClientErrorOptions, 'path' | 'cause'>, path: string, cause?: unknown): MizanClientError {
  return new MizanClientError({ code, message, status, path, issues, cause })
}

/** A Mizan answer that could not be understood (a version mismatch, a corrupted body...). */
export function badResponse(path: string, status: number, reason: string): MizanClientError {
  return clientError('BAD_RESPONSE', `The server's answer is not Mizan's wire format (${reason})`, status, path)
}

/**
 * An answer that Mizan did not send: the error page of a proxy, or of a middleware that answered
 * first. Naming the status and the likely culprit spares users a hunt through the network tab.
 */
export function notMizanAnswer(path: string, status: number, what: string): MizanClientError {
  return clientError('BAD_RESPONSE', `HTTP ${status}, not a Mizan answer (${what}): a proxy or a middleware (a body parser before Mizan?) answered`, status, path)
}
