import { MizanError } from '../error.ts'
import { bodyDeadline } from '../http/body-deadline.ts'
import { createHttpHandler, outsideBaseResponse } from '../http/create-handler.ts'
import type { HandlerOptions, HeaderRecord, HttpBody, HttpResponse } from '../http/http-types.ts'
import { decodeUtf8, tooLarge } from '../http/read-json-body.ts'
import { resolveOptions } from '../http/resolved-options.ts'
import type { MaybePromise } from '../procedure.ts'
import type { AnyRouter } from '../router.ts'

export interface FetchOptions<TRouter extends AnyRouter> extends HandlerOptions<TRouter> {
  /**
   * Where the handler is mounted: `/mizan` serves `/mizan/q` and `/mizan/m/...`, and only paths
   * below it, as an Express mount would. Any other request (`/q`, `/mizanx/q`) answers a Mizan
   * 404. Paths are routed as the runtime's URL parser gives them: dot segments are already
   * resolved (`/mizan/m/../q` arrives as `/mizan/q`, as every fetch client sends it), so a path
   * that resolves outside the endpoint is outside it.
   */
  readonly endpoint: string
  readonly createContext: (opts: { request: Request }) => MaybePromise<TRouter['_types']['ctx']>
}

/**
 * Serves a router with the Fetch API alone, for Hono, Next route handlers, Bun, Deno and
 * workers: `const handler = mizanFetch({ router, endpoint: '/mizan', createContext })`.
 */
export function mizanFetch<TRouter extends AnyRouter>(options: FetchOptions<TRouter>): (request: Request) => Promise<Response> {
  const handle = createHttpHandler(options)
  const { bodyTimeoutMs } = resolveOptions(options)
  const trimmed = options.endpoint.replace(/^\/+|\/+$/g, '')
  const endpoint = trimmed === '' ? '' : `/${trimmed}`

  return async (request) => {
    const url = new URL(request.url)
    const { pathname } = url
    if (pathname !== endpoint && !pathname.startsWith(`${endpoint}/`)) return toFetchResponse(outsideBaseResponse())
    const path = pathname.slice(endpoint.length)
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
        readBody: (limit) => readFetchBody(request, limit, bodyTimeoutMs),
        signal: request.signal,
      },
      () => options.createContext({ request }),
    )
    return toFetchResponse(response)
  }
}

function toFetchResponse(response: HttpResponse): Response {
  const { connection: _hopByHop, ...headers } = response.headers
  return new Response(toBodyInit(response.body), { status: response.status, headers })
}

/**
 * Reads at most `limit` bytes within `timeoutMs`, cancelling the stream as soon as it grows past
 * them or the time is up; refuses bytes that are not UTF-8.
 */
async function readFetchBody(request: Request, limit: number, timeoutMs: number): Promise<string> {
  if (!request.body) return ''
  const reader = request.body.getReader()
  const deadline = bodyDeadline(timeoutMs)
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), deadline.expired])
      if (done) break
      size += value.byteLength
      if (size > limit) {
        await reader.cancel()
        throw tooLarge(limit)
      }
      chunks.push(value)
    }
  } catch (error) {
    if (error instanceof MizanError && error.code === 'TIMEOUT') {
      // Not awaited: a stalled source may never finish cancelling.
      reader.cancel().catch(() => {})
      throw error
    }
    if (error instanceof MizanError) throw error
    throw new MizanError({ code: 'BAD_REQUEST', message: 'The request body could not be read', cause: error })
  } finally {
    deadline.clear()
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return decodeUtf8(bytes)
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
