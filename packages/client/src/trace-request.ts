import type { InspectedItem, Inspector, Tracers } from './inspector.ts'

/**
 * Reports a bundled read request leaving, and returns what reports it settling: with the HTTP
 * status, or `undefined` when no answer came (network error, abort). Only the first settle counts.
 * Called only while a listener that brought it listens.
 */
export function traceRequest(inspector: Inspector, items: readonly InspectedItem[], asGet: boolean): (status: number | undefined) => void {
  const id = inspector.nextRequestId()
  const started = performance.now()
  inspector.emit({
    type: 'request',
    id,
    at: Date.now(),
    method: asGet ? 'GET' : 'POST',
    items: items.map(({ path, input }) => ({ path, input })),
  })
  let settled = false
  return (status) => {
    if (settled) return
    settled = true
    inspector.emit({ type: 'response', id, status, durationMs: performance.now() - started })
  }
}

/**
 * The tracers for bundled reads alone, for tools without a bridge's flushes to trace.
 *
 * @example
 * inspect(client).subscribe(listener, requestTracer)
 */
export const requestTracer: Tracers = { request: traceRequest }
