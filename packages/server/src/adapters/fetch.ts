import { createHttpHandler } from '../http/create-handler.ts'
import type { HandlerOptions, HeaderRecord, HttpBody } from '../http/http-types.ts'
import { tooLarge } from '../http/read-json-body.ts'
import type { MaybePromise } from '../procedure.ts'
import type { AnyRouter } from '../router.ts'

export interface FetchOptions<TRouter extends AnyRouter> extends HandlerOptions<TRouter> {
  /** Where the handler is mounted: `/mizan` serves `/mizan/q` and `/mizan/m/...`. */
  readonly endpoint: string
  readonly createContext: (opts: { request: Request }) => MaybePromise<TRouter['_types']['ctx']>
}

/**
 * Serves a router with the Fetch API alone, for Hono, Next route handlers, Bun, Deno and
 * workers: `const handler = mizanFetch({ router, endpoint: '/mizan', createContext })`.
 */
export function mizanFetch<TRouter extends AnyRouter>(options: FetchOptions<TRouter>): (request: Request) => Promise<Response> {
  const handle = createHttpHandler(options)
  const endpoint = options.endpoint.replace(/\/+$/, '')

  return async (request) => {
    const url = new URL(request.url)
    const path = url.pathname.startsWith(endpoint) ? url.pathname.slice(endpoint.length) : url.pathname
    const headers: Record<string, string> = {}
    request.headers.forEach((value, name) => {
      headers[name] = value
    })
    const response = await handle(
      {
        method: request.method,
        path,
        query: url.search.slice(1),
        headers: headers satisfies HeaderRecord,
        readBody: (limit) => readFetchBody(request, limit),
        signal: request.signal,
      },
      () => options.createContext({ request }),
    )
    const { connection: _hopByHop, ...responseHeaders } = response.headers
    return new Response(toBodyInit(response.body), { status: response.status, headers: responseHeaders })
  }
}

/** Reads at most `limit` bytes, cancelling the stream as soon as it grows past them. */
async function readFetchBody(request: Request, limit: number): Promise<string> {
  if (!request.body) return ''
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel()
      throw tooLarge(limit)
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return new TextDecoder().decode(bytes)
}

function toBodyInit(body: HttpBody): BodyInit {
  if (typeof body === 'string' || body instanceof Uint8Array) return body as BodyInit
  const iterator = body[Symbol.asyncIterator]()
  const encoder = new TextEncoder()
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await iterator.next()
      if (done) controller.close()
      else controller.enqueue(typeof value === 'string' ? encoder.encode(value) : value)
    },
    async cancel() {
      await iterator.return?.()
    },
  })
}
