/**
 * Every error Mizan reports carries one of these codes; the HTTP status follows from the code.
 * Kept dependency-free so the client can map statuses without importing server code.
 */
export const errorStatus = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  /**
   * A write without a valid CSRF token, or from an origin that may not send writes. Only this
   * code makes a client refresh its token and send the write again (once): a FORBIDDEN from a
   * resolver never does.
   */
  CSRF: 403,
  NOT_FOUND: 404,
  METHOD_NOT_SUPPORTED: 405,
  TIMEOUT: 408,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
  /** The server cannot serve this now (e.g. it is shutting down): try again, maybe elsewhere. */
  SERVICE_UNAVAILABLE: 503,
} as const

export type ErrorCode = keyof typeof errorStatus

/** One problem found while validating input: where it is (`['items', 0, 'qty']`) and what is wrong. */
export interface ValidationIssue {
  readonly path: readonly (string | number)[]
  readonly message: string
}
