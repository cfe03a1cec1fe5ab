import { eventsRoute } from '@mizan/server/protocol'
import type { MutationNotice } from '@mizan/server/protocol'
import type { BackoffOptions } from './backoff-delay.ts'
import { chooseTransport } from './choose-transport.ts'
import type { TransportChoice } from './choose-transport.ts'
import type { Connection } from './client-options.ts'
import { decodeDirectives } from './decode-directives.ts'
import { decodeEventNotice, maxEventChars, toNotice } from './decode-event-notice.ts'
import type { EventSourceConstructor } from './event-source-transport.ts'
import { openEventStream } from './event-stream.ts'
import type { DirectiveSource, InvalidationScheduler } from './invalidation-scheduler.ts'
import { createRecentIds } from './recent-ids.ts'
import { electLeader } from './tab-leader.ts'
import { openTabRelay } from './tab-relay.ts'
import type { TabRelay } from './tab-relay.ts'
import { warnInDevelopment } from './warn-in-development.ts'

export interface LiveEventsOptions {
  /**
   * How the stream is read: `'eventsource'` with `EventSource` (cookies; `withCredentials` when
   * the client's `credentials` is `'include'`), `'fetch'` with the client's `fetch` and headers
   * (an `Authorization` header...). `'auto'` (default) takes `EventSource` when it exists and the
   * client has no `headers` option, fetch otherwise.
   */
  readonly transport?: TransportChoice | undefined
  /** The `EventSource` class to use, where there is no global one (e.g. the `eventsource` package in Node). */
  readonly EventSource?: EventSourceConstructor | undefined
  /** How reconnects back off (default: from 500 ms, doubling, up to 30 s, with jitter). */
  readonly backoff?: BackoffOptions | undefined
}

/**
 * What the React bridge and tools see of a client's live events: `client.$events`, undefined for
 * a client created without them.
 */
export interface LiveEventsState {
  readonly enabled: true
  /**
   * `'connecting'` (or waiting to reconnect), `'open'`, `'following'` (another tab holds the
   * stream and relays it), `'stopped'` (the server refused it with a 4xx), `'closed'` (`$close()`).
   */
  readonly status: 'connecting' | 'open' | 'following' | 'stopped' | 'closed'
}

/** What `createClient` gives the live events it starts. */
export interface EventsRuntime {
  readonly connection: Connection
  readonly scheduler: InvalidationScheduler
  /** Whether the client sends headers of its own, which `EventSource` cannot. */
  readonly hasHeaders: boolean
}

/** Live events as `createClient` starts them. */
export interface StartedEvents {
  readonly state: LiveEventsState
  /** Called with the id of each write of this client before it is sent: its echo is ignored, its answer applies it. */
  ownWrite(id: string): void
  /**
   * Called when a write's answer did not arrive (the connection failed, the answer was not one):
   * the write may still have happened, so its echo, held back so far or still to come, applies.
   */
  unanswered(id: string): void
  close(): void
}

/** What `liveEvents()` returns, for `createClient`'s `events` option. */
export type LiveEvents = (runtime: EventsRuntime) => StartedEvents

/**
 * Live invalidation: the client listens to the server's event stream (`GET {url}/events`) and
 * invalidates what other tabs, devices and users' writes changed, as their answers do for this
 * tab's own writes. A factory rather than a flag, so that an app without live events ships none
 * of their code.
 *
 * After a drop it reconnects with backoff and refetches every active query once, since events may
 * have been missed; a 4xx other than 408 and 429 stops it. Where the browser has Web Locks, one
 * tab holds the stream and relays each write's directives (never data) to the others over a
 * `BroadcastChannel`. The echo of this client's own writes is ignored: their answers apply them.
 *
 * @example
 * import { createClient, liveEvents } from '@mizan/client'
 * const client = createClient<AppRouter>({ url: '/mizan', events: liveEvents() })
 */
export function liveEvents(options: LiveEventsOptions = {}): LiveEvents {
  return ({ connection, scheduler, hasHeaders }) => {
    const url = `${connection.url}${eventsRoute}`
    const name = `mizan-events:${absolute(url)}`
    const source = `The event stream at ${url}`
    const dropped = ['events', url] as const
    // The recent writes of this client, and the notices applied: bounded by count, no timer.
    const ownIds = createRecentIds()
    const applied = createRecentIds()
    // The echoes of own writes whose answers are still awaited, in case an answer never comes.
    const held = new Map<string, MutationNotice>()
    let status: LiveEventsState['status'] = 'connecting'
    // Chosen now, so that a missing EventSource throws from createClient, not later in a lock.
    const transport = chooseTransport(options.transport ?? 'auto', connection, hasHeaders, options.EventSource ?? globalThis.EventSource)

    const apply = (notice: MutationNotice, from: DirectiveSource) => {
      if (applied.has(notice.id)) return
      if (ownIds.has(notice.id)) {
        held.set(notice.id, notice)
        // Bounded like the ids: the oldest echo goes first.
        if (held.size > maxHeldEchoes) held.delete(held.keys().next().value!)
        return
      }
      applied.add(notice.id)
      scheduler.enqueue(decodeDirectives(connection.transformer, notice.invalidate, dropped), notice.id, from)
    }
    const everything = (from: DirectiveSource) => scheduler.enqueue([{ kind: 'all' }], undefined, from)
    // Events this tab and the tabs it relays to may have missed: every active query refetches.
    const missedEvents = () => {
      everything('stream')
      relay?.post({ missed: true })
    }

    // Tabs share one stream where they can both elect its holder and hear it relay; elsewhere
    // each client holds its own, and hears everything from it.
    const locks = typeof navigator === 'undefined' ? undefined : navigator.locks
    const relay: TabRelay | undefined = locks
      ? openTabRelay(name, (message) => {
          if (isMissed(message)) return everything('tab')
          const notice = toNotice(message)
          if (notice) apply(notice, 'tab')
        })
      : undefined

    const lead = (takesOver: boolean) => {
      status = 'connecting'
      return openEventStream(
        {
          url,
          transport,
          backoff: options.backoff ?? {},
          takesOver,
        },
        {
          event(data) {
            // Too big to parse, yet a write happened: what it may have named is refetched.
            if (data.length > maxEventChars) {
              warnInDevelopment(`${source} sent an event of ${data.length} characters (at most ${maxEventChars} are parsed): everything is refetched instead.`)
              return missedEvents()
            }
            const notice = decodeEventNotice(data, dropped)
            if (!notice) return
            // Other tabs get every write, this tab's own too: they did not make it.
            relay?.post(notice)
            apply(notice, 'stream')
          },
          connected(missed) {
            status = 'open'
            if (missed) missedEvents()
          },
          disconnected() {
            status = 'connecting'
          },
          stopped(httpStatus) {
            status = 'stopped'
            warnInDevelopment(`${source} was refused (HTTP ${httpStatus}): live invalidation stays off for this client until it is created again.`)
          },
        },
      )
    }
    const stop = electLeader(relay && locks, name, lead, () => {
      status = 'following'
    })

    return {
      state: {
        enabled: true,
        get status() {
          return status
        },
      },
      ownWrite(id) {
        ownIds.add(id)
        held.delete(id)
      },
      unanswered(id) {
        ownIds.delete(id)
        const echo = held.get(id)
        held.delete(id)
        if (echo) apply(echo, 'stream')
      },
      close() {
        status = 'closed'
        stop()
        relay?.close()
      },
    }
  }
}

const maxHeldEchoes = 64

function isMissed(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { missed?: unknown }).missed === true
}

// The lock and channel name: one per server, whatever form of its URL each client was given.
function absolute(url: string): string {
  try {
    return new URL(url, globalThis.location?.href).href
  } catch {
    return url
  }
}
