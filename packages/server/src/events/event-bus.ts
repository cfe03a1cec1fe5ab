import type { MaybePromise } from '../procedure.ts'

/** What a bus hands its subscribers. */
export interface EventBusListener {
  /** The text of one published event, from this instance or another, in publish order per instance. */
  event(text: string): void
  /**
   * Events may have been lost (the bus lost its connection and is back): every open stream is
   * told to invalidate everything, since nobody knows what it missed.
   */
  gap(): void
}

/**
 * Carries the events of writes to every instance serving the app: `memoryEvents()` within one
 * process (the default when events are on), `redisEvents()` from `@mizan/server/redis` across
 * several. Events are opaque text to a bus; delivery is at most once.
 */
export interface EventBus {
  /** Sends one event to the subscribers of every instance, this one included. Never throws for an outage: it reports and drops. */
  publish(text: string): MaybePromise<void>
  /** Receives every event published; returns the unsubscribe function. */
  subscribe(listener: EventBusListener): () => void
  /**
   * False when nobody, on any instance, can hear a publish now (a bus of one process whose
   * instance has no stream open): writes then skip making their event at all. A bus that cannot
   * know (other instances may listen) leaves it out.
   */
  hasSubscribers?(): boolean
  /** Ends the bus's connections and timers. */
  close(): MaybePromise<void>
}
