/** How reconnects back off: delays double from `initialMs` up to `maxMs`. */
export interface BackoffOptions {
  /** The delay before the first reconnect (default 500 ms). */
  readonly initialMs?: number | undefined
  /** The longest delay (default 30 s). */
  readonly maxMs?: number | undefined
}

/**
 * The delay before reconnect attempt `attempt` (0 first): `initialMs * 2^attempt` capped at
 * `maxMs`, of which the upper half is random, so the tabs of a restarted server do not all come
 * back at the same instant, yet none comes back sooner than half the step.
 */
export function backoffDelay(attempt: number, { initialMs = 500, maxMs = 30_000 }: BackoffOptions = {}): number {
  const step = Math.min(maxMs, initialMs * 2 ** attempt)
  return step / 2 + (Math.random() * step) / 2
}
