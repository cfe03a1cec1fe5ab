import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import getRawBody from 'raw-body'
import { MizanError } from '../error.ts'
import { tooLarge } from '../http/read-json-body.ts'
import type { HttpResponse } from '../http/http-types.ts'

/**
 * Reads a Node request body with raw-body: it stops at `limit` bytes and pauses the stream, so
 * a body that keeps growing is never read further (the 413 then closes the connection).
 */
export async function readNodeBody(req: IncomingMessage, limit: number): Promise<string> {
  try {
    const length = req.headers['content-length']
    return await getRawBody(req, { limit, encoding: 'utf-8', ...(length === undefined ? {} : { length }) })
  } catch (error) {
    const type = (error as { type?: string }).type
    if (type === 'entity.too.large') throw tooLarge(limit)
    if (type === 'request.aborted') throw new MizanError({ code: 'BAD_REQUEST', message: 'The client aborted the request' })
    throw new MizanError({ code: 'BAD_REQUEST', message: 'The request body could not be read', cause: error })
  }
}

/** Writes a core response to Node's response, streaming async-iterable bodies with backpressure. */
export async function sendNodeResponse(res: ServerResponse, response: HttpResponse): Promise<void> {
  const { body } = response
  if (typeof body === 'string' || body instanceof Uint8Array) {
    res.writeHead(response.status, { ...response.headers, 'content-length': String(Buffer.byteLength(body)) })
    res.end(body)
    return
  }
  res.writeHead(response.status, response.headers)
  await pipeline(Readable.from(body), res)
}
