import { randomUUID } from 'node:crypto'
import type { Redis } from 'ioredis'
import { assertTtl } from '../cache/memory-cache.ts'
import type { EventBus, EventBusListener } from '../events/event-bus.ts'
import { connectionHealth } from './connection-health.ts'
import { endConnection } from './end-connection.ts'
import { decodeEventFrame, encodeEventFrame } from './event-frame.ts'
import { ownConnectionOptions } from './own-connection-options.ts'

export interface RedisEventsOptions {
  /**
   * An ioredis client, used as a template only, as `redisCache` does: the bus opens its own two
   * connections with `redis.duplicate()` (one publishes, one subscribes), with its own timeouts,
   * and `close()` ends them. The client given is never used nor closed: the app owns it.
   */
  readonly redis: Redis
  /** The pub/sub channel; the instances serving one app share it. Default `mizan:events`. */
  readonly channel?: string
  /** How long a publish may take before the event is dropped for other instances. Default 200. */
  readonly timeoutMs?: number
  /**
   * How often the subscribing connection is checked with a PING. A connection that stopped
   * answering without closing (a paused server, a dead network path) is reopened, and the
   * listeners are told of the gap. Default 5000.
   */
  readonly heartbeatMs?: number
  /**
   * Told when Redis becomes unreachable (once per outage) and when a listener throws.
   * Default: `console.warn`.
   */
  readonly onError?: (error: Error) => void
}

/** An `EventBus` across server instances through Redis pub/sub, with the connections it owns. */
export interface RedisEvents extends EventBus {
  /** Whether events cross instances: false until Redis first answers and while it is unreachable. */
  readonly connected: boolean
  publish(text: string): Promise<void>
  /** Ends the bus's connections and timers; listeners hear nothing more. */
  close(): Promise<void>
}

/**
 * The event bus for several server instances: an event published on one reaches the streams of
 * every instance over Redis pub/sub. This instance's own events reach its listeners at once,
 * without the round trip, and are skipped when Redis sends them back.
 *
 * Pub/sub is at most once: while Redis is unreachable events stay on the instance that published
 * them (publish never throws and waits `timeoutMs` at most, once per outage), and when it answers
 * again every listener's `gap()` is called, since events of other instances may have been lost.
 * Standalone Redis (not Cluster). Import from `@mizan/server/redis`; needs `ioredis` 6.
 *
 * @example
 * import { Redis } from 'ioredis'
 * import { redisCache, redisEvents } from '@mizan/server/redis'
 * const redis = new Redis(process.env.REDIS_URL!, { lazyConnect: true })
 * const m = initMizan.context<Ctx>().create({ cache: redisCache({ redis }), events: redisEvents({ redis }) })
 * // on shutdown: await m.close()
 */
export function redisEvents(options: RedisEventsOptions): RedisEvents {
  const channel = options.channel ?? 'mizan:events'
  const timeoutMs = options.timeoutMs ?? 200
  const heartbeatMs = options.heartbeatMs ?? 5000
  if (typeof channel !== 'string' || channel === '') throw new TypeError('redisEvents: channel must be a non-empty string')
  assertTtl(timeoutMs, 'redisEvents: timeoutMs')
  assertTtl(heartbeatMs, 'redisEvents: heartbeatMs')

  const report = (error: Error) => {
    try {
      if (options.onError) options.onError(error)
      else console.warn(`[mizan] redisEvents: ${error.message}`)
    } catch {
      // A reporter that throws must not turn a publish into a failure.
    }
  }

  const own = ownConnectionOptions(timeoutMs)
  // Fails at once while disconnected, instead of queueing events behind a reconnect.
  const pub = options.redis.duplicate({ ...own, enableOfflineQueue: false })
  // Subscribes itself on every 'ready' (below), so it knows when the subscription is back. A
  // subscription or heartbeat may take as long as a connection, not as long as a request.
  const sub = options.redis.duplicate({ ...own, commandTimeout: own.connectTimeout, enableOfflineQueue: false, autoResubscribe: false })

  const instance = randomUUID()
  // One entry per subscribe() call, so the same listener object may subscribe twice.
  const listeners = new Set<{ readonly listener: EventBusListener }>()
  let closed = false
  let subscribed = false
  // Events of other instances may have been missed since the listeners were last told.
  let lost = false

  const each = (call: (listener: EventBusListener) => void) => {
    for (const entry of [...listeners]) {
      try {
        call(entry.listener)
      } catch (error) {
        report(new Error('an event listener threw', { cause: error }))
      }
    }
  }
  // One gap per outage, once events cross again both ways.
  const settle = () => {
    if (!lost || !subscribed || health.state !== 'up') return
    lost = false
    each((listener) => listener.gap())
  }

  const health = connectionHealth({
    connection: pub,
    retryMs: timeoutMs,
    warn: (reason) => report(new Error(`Redis is unreachable (${reason}); events reach this instance's streams only until it answers again`)),
    // The other instances most likely could not publish either: what they sent meanwhile is lost.
    onDown: () => (lost = true),
    beforeUp: () => pub.ping(),
    onUp: settle,
  })

  // A subscription or heartbeat that failed on a live socket: reconnect (a closed one does already).
  const reopen = () => {
    if (subscribed) lost = true
    subscribed = false
    if (!closed && sub.status === 'ready') sub.disconnect(true)
  }
  sub.on('error', () => {}) // the publishing connection reports outages
  sub.on('ready', () => {
    sub.subscribe(channel).then(() => {
      subscribed = true
      settle()
    }, reopen)
  })
  sub.on('close', () => {
    if (subscribed) lost = true
    subscribed = false
  })
  sub.on('message', (from: string, message: string) => {
    if (from !== channel || closed) return
    const frame = decodeEventFrame(message)
    if (frame && frame.from !== instance) each((listener) => listener.event(frame.text))
  })

  let pinging = false
  const heartbeat = setInterval(() => {
    if (!subscribed || pinging) return
    pinging = true
    sub.ping().then(
      () => (pinging = false),
      () => {
        pinging = false
        reopen()
      },
    )
  }, heartbeatMs)

  return {
    get connected() {
      return subscribed && health.state === 'up'
    },
    async publish(text) {
      if (closed) return
      each((listener) => listener.event(text))
      // Not sent while Redis is away: the instances that lost it too tell their listeners of a gap when it returns.
      if (health.state !== 'up') return
      try {
        await pub.publish(channel, encodeEventFrame(instance, text))
      } catch (error) {
        health.failed(error, true)
      }
    },
    subscribe(listener) {
      if (closed) return () => {}
      const entry = { listener }
      listeners.add(entry)
      return () => void listeners.delete(entry)
    },
    async close() {
      closed = true
      clearInterval(heartbeat)
      health.close()
      listeners.clear()
      await Promise.all([pub, sub].map(endConnection))
    },
  }
}
