/** Settings of the `GET {base}/events` streams of one `create()`. */
export interface EventStreamOptions {
  /**
   * Milliseconds between heartbeat comments on an idle stream, so proxies and load balancers do
   * not close it. Default 25 000 (below the 30 s idle timeout common in proxies).
   */
  readonly heartbeatMs?: number
  /** Streams one user may hold open at once (tabs, devices); one more answers 429. Default 8. */
  readonly maxConnectionsPerUser?: number
  /** Streams this instance holds open at once, anonymous ones included; one more answers 429. Default 10 000. */
  readonly maxConnections?: number
  /**
   * Hears what the streams cannot deliver and drop: events on the bus that are not well-formed
   * (bus text is untrusted). Default: `console.error`.
   */
  readonly onError?: (error: unknown) => void
}

export interface ResolvedEventStreamOptions {
  readonly heartbeatMs: number
  readonly maxConnectionsPerUser: number
  readonly maxConnections: number
  /** Characters of frames that may wait for one slow client before they give way to one `all` notice. */
  readonly maxQueuedChars: number
  readonly onError: (error: unknown) => void
}

export const eventStreamDefaults = {
  heartbeatMs: 25_000,
  maxConnectionsPerUser: 8,
  maxConnections: 10_000,
  maxQueuedChars: 256 * 1024,
} as const

export function resolveEventStreamOptions(options: EventStreamOptions = {}): ResolvedEventStreamOptions {
  const resolved = {
    heartbeatMs: options.heartbeatMs ?? eventStreamDefaults.heartbeatMs,
    maxConnectionsPerUser: options.maxConnectionsPerUser ?? eventStreamDefaults.maxConnectionsPerUser,
    maxConnections: options.maxConnections ?? eventStreamDefaults.maxConnections,
    maxQueuedChars: eventStreamDefaults.maxQueuedChars,
    onError: options.onError ?? ((error: unknown) => console.error(error)),
  }
  // setInterval would take anything else as 1 ms, a busy loop of heartbeats.
  if (!Number.isFinite(resolved.heartbeatMs) || resolved.heartbeatMs < 1) throw new TypeError('eventStream.heartbeatMs must be a positive, finite number of milliseconds')
  for (const name of ['maxConnectionsPerUser', 'maxConnections'] as const) {
    if (!Number.isInteger(resolved[name]) || resolved[name] < 1) throw new TypeError(`eventStream.${name} must be a positive integer`)
  }
  return resolved
}
