import type { EventBus, EventBusListener } from './event-bus.ts'

/**
 * The event bus of a single process: what one instance publishes, its own streams receive, at
 * once. For several instances use `redisEvents()` from `@mizan/server/redis`. Several `create()`
 * calls may share one.
 *
 * @example initMizan.context<Ctx>().create({ events: memoryEvents(), userKey: (ctx) => ctx.user?.id })
 */
export function memoryEvents(): EventBus {
  const listeners = new Set<EventBusListener>()
  let closed = false
  return {
    publish(text) {
      if (closed) return
      for (const listener of [...listeners]) {
        // One subscriber's failure must reach neither the others nor the write that published.
        try {
          listener.event(text)
        } catch {}
      }
    },
    hasSubscribers: () => listeners.size > 0,
    subscribe(listener) {
      if (closed) return () => {}
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    close() {
      closed = true
      listeners.clear()
    },
  }
}
