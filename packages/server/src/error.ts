import { errorStatus } from './protocol/error-codes.ts'
import type { ErrorCode, ValidationIssue } from './protocol/error-codes.ts'
import type { InvalidationDirective } from './protocol/directive.ts'

export interface MizanErrorOptions {
  readonly code: ErrorCode
  readonly message?: string | undefined
  readonly cause?: unknown | undefined
  readonly issues?: readonly ValidationIssue[] | undefined
}

/**
 * The one error class of Mizan. Throw it from a resolver or middleware to answer with a specific
 * code; anything else thrown is reported as INTERNAL.
 *
 * @example throw new MizanError({ code: 'NOT_FOUND', message: 'No project 7' })
 */
export class MizanError extends Error {
  override readonly name = 'MizanError'
  readonly code: ErrorCode
  readonly issues: readonly ValidationIssue[] | undefined
  /**
   * Directives of a mutation that failed after its resolver ran: a write can fail after changing
   * something, so its `invalidates` targets (not its `invalidatesOnSuccess` ones) still apply.
   */
  invalidate: readonly InvalidationDirective[] = []

  constructor(options: MizanErrorOptions) {
    super(options.message ?? defaultMessage(options.code), { cause: options.cause })
    this.code = options.code
    this.issues = options.issues
  }

  get status(): number {
    return errorStatus[this.code]
  }
}

function defaultMessage(code: ErrorCode): string {
  return code.charAt(0) + code.slice(1).toLowerCase().replaceAll('_', ' ')
}

/** Wraps anything thrown into a MizanError, keeping the original as `cause`. */
export function toMizanError(error: unknown): MizanError {
  if (error instanceof MizanError) return error
  const message = error instanceof Error ? error.message : undefined
  return new MizanError({ code: 'INTERNAL', message: message || undefined, cause: error })
}
