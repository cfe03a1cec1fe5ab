import type { IncomingMessage, ServerResponse } from 'node:http'
import type { HttpRequest } from '../http/http-types.ts'
import { readNodeBody } from './node-body.ts'

export interface NodeRequestOptions {
  /** The request's URL below the mount point, query included: `/q?items=...`. */
  readonly url: string
  readonly origin: string | undefined
  readonly bodyTimeoutMs: number
  /** The body an earlier parser already read (Express only). */
  readonly parsedBody?: { readonly value: unknown } | undefined
}

/**
 * The core's plain request for a Node request, shared by the Express and node:http adapters: the
 * body stays unread until the core asks for it, and the signal fires when the client goes away
 * before the response is finished (not when it closes after a complete answer).
 */
export function nodeRequestOf(req: IncomingMessage, res: ServerResponse, options: NodeRequestOptions): HttpRequest {
  const { url, bodyTimeoutMs } = options
  const queryStart = url.indexOf('?')
  const controller = new AbortController()
  res.once('close', () => {
    if (!res.writableFinished) controller.abort()
  })
  return {
    method: req.method ?? 'GET',
    path: queryStart === -1 ? url : url.slice(0, queryStart),
    query: queryStart === -1 ? '' : url.slice(queryStart + 1),
    headers: req.headers,
    origin: options.origin,
    readBody: (limit: number) => readNodeBody(req, limit, bodyTimeoutMs),
    parsedBody: options.parsedBody,
    signal: controller.signal,
  }
}
