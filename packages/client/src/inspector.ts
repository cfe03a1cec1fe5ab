import type { InvalidationDirective } from '@mizan/server/protocol'
import type { FlushedDirective } from './invalidation-scheduler.ts'

/** One item of a bundled read as it went out: the context's path and its input in wire form. */
export interface InspectedItem {
  readonly path: string
  /** The canonical (serialized) input, as in the query key; undefined for a context without one. */
  readonly input: unknown
}

/** A cached query a directive hit, as the bridge reports it. */
export interface InspectedHit {
  readonly queryHash: string
  readonly queryKey: readonly unknown[]
  /** Refetched (active, enabled, not static); otherwise only marked stale. */
  readonly refetched: boolean
}

/** What one flush did: each directive with the queries it hit; none means it matched nothing cached. */
export interface FlushReport {
  readonly directives: ReadonlyArray<{ readonly directive: FlushedDirective; readonly hits: readonly InspectedHit[] }>
}

/**
 * The facts an inspector hands its listeners, in the order they happen: a write's answer
 * (`mutation`, before its directives are enqueued), the flush a bridge applied (`flush`), and each
 * bundled read request leaving (`request`) and settling (`response`). Request ids count from 1
 * per client.
 */
export type InspectEvent =
  | { readonly type: 'mutation'; readonly path: string; readonly mutationId: string; readonly directives: readonly InvalidationDirective[] }
  | { readonly type: 'flush'; readonly at: number; readonly report: FlushReport }
  | { readonly type: 'request'; readonly id: number; readonly at: number; readonly method: 'GET' | 'POST'; readonly items: readonly InspectedItem[] }
  | { readonly type: 'response'; readonly id: number; readonly status: number | undefined; readonly durationMs: number }

export type InspectListener = (event: InspectEvent) => void

/**
 * The code that builds `request`/`response` and `flush` events, which a listener brings along
 * (`subscribe(listener, tracers)`) so that an app that inspects nothing does not ship it.
 * `@mizan/react/devtools` exports `inspectTracers` (both); `requestTracer` from here traces reads only.
 * Without tracers a listener still hears every `mutation`.
 */
export interface Tracers {
  /** Reports a bundled read request leaving; returns what reports it settling (`undefined`: no answer). */
  request?(inspector: Inspector, items: readonly InspectedItem[], asGet: boolean): (status: number | undefined) => void
  /**
   * A bridge's: records what a flush is about to do (`scope` is the bridge's own: for React
   * Query, its cache); returns what reports it (a `flush` event) once applied.
   */
  flush?(inspector: Inspector, scope: object, directives: readonly FlushedDirective[]): () => void
}

/**
 * Where tools such as `MizanDevtools` watch a client. Instrumented code asks `listening` (or for
 * a `tracer`) first and does nothing more while nobody listens, so it costs one check per flush or request.
 *
 * @example
 * const stop = inspect(client).subscribe((event) => console.log(event.type, event), inspectTracers)
 */
export interface Inspector {
  /** Whether anyone listens now. */
  readonly listening: boolean
  /** The tracers the current listeners brought, merged; undefined while none did. */
  readonly tracer: Tracers | undefined
  /** Where the client's handler is mounted (its `url`), for tools reading its development routes. */
  readonly baseUrl: string
  /** Receives every event from now on (request and flush events only with `tracers` for them); returns the unsubscribe function. */
  subscribe(listener: InspectListener, tracers?: Tracers): () => void
  /** Hands an event to every listener; bridges report their flushes through it. */
  emit(event: InspectEvent): void
  /** The id of the next bundled read request. */
  nextRequestId(): number
}

export function createInspector(baseUrl: string): Inspector {
  const listeners = new Map<InspectListener, Tracers | undefined>()
  let requests = 0
  return {
    get listening() {
      return listeners.size > 0
    },
    get tracer() {
      let tracer: Tracers | undefined
      for (const tracers of listeners.values()) if (tracers) tracer = { ...tracer, ...tracers }
      return tracer
    },
    baseUrl,
    subscribe(listener, tracers) {
      listeners.set(listener, tracers)
      return () => {
        listeners.delete(listener)
      }
    },
    emit(event) {
      for (const listener of listeners.keys()) {
        try {
          listener(event)
        } catch (error) {
          // A broken tool must not break the flush or read it watches: logged, not thrown.
          console.error('[mizan] an inspector listener threw', error)
        }
      }
    },
    nextRequestId: () => ++requests,
  }
}
