import { MizanError } from '../error.ts'

/** A timer that a body read races: `expired` rejects with TIMEOUT after `ms`; `clear` stops it. */
export interface BodyDeadline {
  readonly expired: Promise<never>
  clear(): void
}

// setTimeout fires at once for delays past this (with a warning): such a deadline means none.
const maxTimerMs = 2 ** 31 - 1

/** Starts the deadline of one body read; a non-finite or huge `ms` never expires. */
export function bodyDeadline(ms: number): BodyDeadline {
  let timer: ReturnType<typeof setTimeout> | undefined
  const expired = new Promise<never>((_resolve, reject) => {
    timer = deadlineTimer(ms, reject)
  })
  // A read that ended first never looks at it: that rejection is nobody's to handle.
  expired.catch(() => {})
  return { expired, clear: () => clearTimeout(timer) }
}

/**
 * The timer of a body read's deadline: `expire` gets the TIMEOUT error after `ms`; none for a
 * non-finite or huge `ms` (never expires). Clear it with `clearTimeout`.
 */
export function deadlineTimer(ms: number, expire: (error: MizanError) => void): ReturnType<typeof setTimeout> | undefined {
  return ms <= maxTimerMs ? setTimeout(() => expire(timedOut(ms)), Math.max(0, ms)) : undefined
}

function timedOut(ms: number): MizanError {
  return new MizanError({ code: 'TIMEOUT', message: `The request body did not arrive within ${ms} ms` })
}
