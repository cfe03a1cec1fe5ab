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
    if (ms <= maxTimerMs) timer = setTimeout(() => reject(timedOut(ms)), Math.max(0, ms))
  })
  // A read that ended first never looks at it: that rejection is nobody's to handle.
  expired.catch(() => {})
  return { expired, clear: () => clearTimeout(timer) }
}

function timedOut(ms: number): MizanError {
  return new MizanError({ code: 'TIMEOUT', message: `The request body did not arrive within ${ms} ms` })
}
