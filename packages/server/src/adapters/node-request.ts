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
  return new NodeRequest(req, res, options)
}

/**
 * The signal is made when first read (a getter of the class, so the objects stay as cheap as
 * plain ones), already aborted if the client has left by then: an AbortController costs a small
 * write about a tenth of its time on a busy server, and most requests end without anyone
 * reading their signal. The response's `close` is listened to from that read on too (a listener
 * per request cost writes a few percent).
 */
class NodeRequest implements HttpRequest {
  readonly method: string
  readonly path: string
  readonly query: string
  readonly headers: IncomingMessage['headers']
  readonly origin: string | undefined
  readonly parsedBody: NodeRequestOptions['parsedBody']
  readonly #req: IncomingMessage
  readonly #res: ServerResponse
  readonly #bodyTimeoutMs: number
  #controller: AbortController | undefined = undefined

  constructor(req: IncomingMessage, res: ServerResponse, options: NodeRequestOptions) {
    const { url } = options
    this.#req = req
    this.#res = res
    this.#bodyTimeoutMs = options.bodyTimeoutMs
    const queryStart = url.indexOf('?')
    this.method = req.method ?? 'GET'
    this.path = queryStart === -1 ? url : url.slice(0, queryStart)
    this.query = queryStart === -1 ? '' : url.slice(queryStart + 1)
    this.headers = req.headers
    this.origin = options.origin
    this.parsedBody = options.parsedBody
  }

  readBody(limit: number): Promise<string> {
    return readNodeBody(this.#req, limit, this.#bodyTimeoutMs)
  }

  get signal(): AbortSignal {
    if (!this.#controller) {
      const controller = new AbortController()
      this.#controller = controller
      const res = this.#res
      // Watched from the first read only. A client gone already has closed its socket.
      if (this.#req.socket?.destroyed && !res.writableFinished) controller.abort()
      else {
        res.once('close', () => {
          if (!res.writableFinished) controller.abort()
        })
      }
    }
    return this.#controller.signal
  }
}
