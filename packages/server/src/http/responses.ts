import type { HttpResponse } from './http-types.ts'
import type { WireError } from '../protocol/wire.ts'

// Every core response is built here. `nosniff`: browsers must take a JSON answer (which can hold
// user-written text) as JSON, never sniff it as HTML or script.
const jsonHeaders = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
} as const

export function jsonResponse(status: number, value: unknown, headers?: Record<string, string>): HttpResponse {
  return jsonTextResponse(status, JSON.stringify(value), headers)
}

/** A JSON response whose body is already JSON text, e.g. put together from parts serialised one by one. */
export function jsonTextResponse(status: number, text: string, headers?: Record<string, string>): HttpResponse {
  return { status, headers: headers ? { ...jsonHeaders, ...headers } : jsonHeaders, body: text }
}

/**
 * A request-level failure: `{ error }` with the error's status. A 413 closes the connection, since
 * the rest of the body was never read.
 */
export function errorResponse(error: WireError, headers?: Record<string, string>): HttpResponse {
  const extra = error.status === 413 ? { ...headers, connection: 'close' } : headers
  return jsonResponse(error.status, { error }, extra)
}

/**
 * A response's headers with its body's length, for an adapter that writes the head itself. The
 * usual JSON headers come as one literal of one shape rather than a spread copy: cheaper for a
 * busy server to make, and for Node to write out.
 */
export function headersWithLength(headers: Readonly<Record<string, string>>, length: string): Record<string, string> {
  if (headers !== jsonHeaders) return { ...headers, 'content-length': length }
  return {
    'content-type': jsonHeaders['content-type'],
    'cache-control': jsonHeaders['cache-control'],
    'x-content-type-options': jsonHeaders['x-content-type-options'],
    'content-length': length,
  }
}
