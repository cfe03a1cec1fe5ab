import { MizanError } from '../error.ts'
import { newMutationId } from '../http/mutation-id.ts'
import type { WireDirective } from '../protocol/wire-directives.ts'
import type { EventBus } from './event-bus.ts'
import type { ResolvedEventStreamOptions } from './event-stream-options.ts'
import { noticeFrame } from './sse-frames.ts'
import { createSseStream } from './sse-stream.ts'
import type { SseStream } from './sse-stream.ts'
import { decodeWriteEvent } from './write-event.ts'
import type { WriteEvent } from './write-event.ts'

/**
 * The open event streams of one `create()` (every router it made, every handler serving them)
 * and its bus: events from the bus are routed to the streams they are addressed to.
 */
export interface EventHub {
  /** Refuses a stream early, before the request context is made: once closed, or when the instance is full. */
  assertCanOpen(): void
  /**
   * Opens a stream for a user (undefined: anonymous, public events only). It ends when `signal`
   * aborts, when its consumer returns (the client went away) or when the hub closes. Throws
   * TOO_MANY_REQUESTS past the bounds, SERVICE_UNAVAILABLE once closed.
   */
  open(user: string | undefined, signal: AbortSignal | undefined): AsyncIterable<string>
  /** Puts a write's event on the bus (see `encodeWriteEvent`). */
  publish(text: string): Promise<void>
  /** Whether anyone may hear a publish: when not, a write need not make its event. */
  heard(): boolean
  /** Streams open now. */
  readonly size: number
  /** Ends every stream, the heartbeat and the bus subscription, then closes the bus. Idempotent. */
  close(): Promise<void>
}

export interface EventHubOptions {
  readonly bus: EventBus
  readonly settings: ResolvedEventStreamOptions
}

export function createEventHub({ bus, settings }: EventHubOptions): EventHub {
  const streams = new Set<SseStream>()
  const byUser = new Map<string, Set<SseStream>>()
  let sequence = 0
  let heartbeat: ReturnType<typeof setInterval> | undefined
  let unsubscribe: (() => void) | undefined
  let closing: Promise<void> | undefined
  const allInvalidate: WireDirective[] = [{ kind: 'all' }]
  // A fresh notice invalidating everything: after a gap in the bus, or for a queue that overflowed.
  const allFrame = () => noticeFrame(++sequence, newMutationId(), allInvalidate)

  const report = (error: unknown) => {
    try {
      settings.onError(error)
    } catch {}
  }

  const route = (event: WriteEvent) => {
    if (streams.size === 0) return
    const eventId = ++sequence
    const named = new Map<string, string>()
    for (const [users, invalidate] of event.users) {
      let frame: string | undefined
      for (const user of users) {
        if (!byUser.has(user)) continue
        frame ??= noticeFrame(eventId, event.id, invalidate)
        named.set(user, frame)
      }
    }
    if (event.every === undefined) {
      for (const [user, frame] of named) for (const stream of byUser.get(user) ?? []) stream.push(frame)
      return
    }
    const everyFrame = noticeFrame(eventId, event.id, event.every)
    for (const stream of streams) stream.push((stream.user === undefined ? undefined : named.get(stream.user)) ?? everyFrame)
  }

  const listener = {
    event(text: string) {
      let event: WriteEvent
      try {
        event = decodeWriteEvent(text)
      } catch (error) {
        report(error)
        return
      }
      route(event)
    },
    gap() {
      if (streams.size === 0) return
      const frame = allFrame()
      for (const stream of streams) stream.push(frame)
    },
  }

  const remove = (stream: SseStream) => {
    streams.delete(stream)
    if (stream.user !== undefined) {
      const own = byUser.get(stream.user)
      own?.delete(stream)
      if (own?.size === 0) byUser.delete(stream.user)
    }
    if (streams.size === 0 && heartbeat !== undefined) {
      clearInterval(heartbeat)
      heartbeat = undefined
    }
  }

  const assertCanOpen = () => {
    if (closing) throw new MizanError({ code: 'SERVICE_UNAVAILABLE', message: 'The server is shutting down: no new event streams' })
    if (streams.size >= settings.maxConnections) {
      throw new MizanError({ code: 'TOO_MANY_REQUESTS', message: `This server holds ${settings.maxConnections} event streams already: try again later` })
    }
  }

  return {
    assertCanOpen,
    open(user, signal) {
      assertCanOpen()
      const own = user === undefined ? undefined : byUser.get(user)
      if (own && own.size >= settings.maxConnectionsPerUser) {
        throw new MizanError({
          code: 'TOO_MANY_REQUESTS',
          message: `This user has ${settings.maxConnectionsPerUser} event streams open already: close one (a tab, a device) first`,
        })
      }
      // Subscribed with the first stream: an instance that only publishes never listens.
      unsubscribe ??= bus.subscribe(listener)
      const onAbort = () => stream.end()
      const stream = createSseStream({
        user,
        maxQueuedChars: settings.maxQueuedChars,
        overflowFrame: allFrame,
        onEnd: () => {
          signal?.removeEventListener('abort', onAbort)
          remove(stream)
        },
      })
      streams.add(stream)
      if (user !== undefined) {
        if (own) own.add(stream)
        else byUser.set(user, new Set([stream]))
      }
      // One timer for every stream, only while there are some, never keeping the process alive.
      if (heartbeat === undefined) {
        heartbeat = setInterval(() => {
          for (const open of streams) open.ping()
        }, settings.heartbeatMs)
        heartbeat.unref?.()
      }
      if (signal?.aborted) stream.end()
      else signal?.addEventListener('abort', onAbort, { once: true })
      return stream
    },
    async publish(text) {
      await bus.publish(text)
    },
    heard: () => bus.hasSubscribers?.() ?? true,
    get size() {
      return streams.size
    },
    close() {
      closing ??= (async () => {
        for (const stream of [...streams]) stream.end()
        unsubscribe?.()
        unsubscribe = undefined
        await bus.close()
      })()
      return closing
    },
  }
}
