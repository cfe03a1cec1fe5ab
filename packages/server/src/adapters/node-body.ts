import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import getRawBody from 'raw-body'
import { MizanError } from '../error.ts'
import { arrivedBody } from './arrived-body.ts'
import { deadlineTimer } from '../http/body-deadline.ts'
import { decodeUtf8, tooLarge } from '../http/read-json-body.ts'
import type { HttpResponse } from '../http/http-types.ts'
import { headersWithLength } from '../http/responses.ts'

/**
 * Reads a Node request body. One that has arrived whole by the first microtask after the
 * request event (as a small write's body mostly has: see `arrivedBody`) is taken from the
 * stream's buffer at once. Any other is read with raw-body: it stops at `limit` bytes and pauses
 * the stream, so a body that keeps growing is never read further (the 413 then closes the
 * connection); a body still incomplete after `timeoutMs` is given up (408, and the connection is
 * closed too). Bytes that are not UTF-8 are refused (400). raw-body's promise form is used,
 * since its callback form makes an AsyncResource per read.
 */
export function readNodeBody(req: IncomingMessage, limit: number, timeoutMs: number): Promise<string> {
  // The core asks from inside Node's request event, before Node has parsed the bytes that came
  // with the headers: one microtask later, it has.
  return Promise.resolve().then(() => {
    const arrived = arrivedBody(req)
    if (arrived === undefined) return readStreamed(req, limit, timeoutMs)
    if (arrived.byteLength > limit) throw tooLarge(limit)
    return decodeUtf8(arrived)
  })
}

function readStreamed(req: IncomingMessage, limit: number, timeoutMs: number): Promise<string> {
  const length = req.headers['content-length']
  const read = getRawBody(req, { limit, ...(length === undefined ? {} : { length }) }).then(decodeUtf8, (error: unknown) => {
    throw readError(error, limit)
  })
  return new Promise((resolve, reject) => {
    // Given up on, the read still ends (with an error) when the connection closes: nobody waits.
    const timer = deadlineTimer(timeoutMs, reject)
    read.finally(() => clearTimeout(timer)).then(resolve, reject)
  })
}

function readError(error: unknown, limit: number): MizanError {
  const type = (error as { type?: string }).type
  if (type === 'entity.too.large') return tooLarge(limit)
  if (type === 'request.aborted') return new MizanError({ code: 'BAD_REQUEST', message: 'The client aborted the request' })
  return new MizanError({ code: 'BAD_REQUEST', message: 'The request body could not be read', cause: error })
}

/**
 * Writes a core response to Node's response, streaming async-iterable bodies with backpressure:
 * buffered by bytes (not by chunk count), so what waits for a slow client stays in the body's own
 * bounded queue, and each chunk goes out as soon as it comes (no delay for small writes).
 */
export function sendNodeResponse(res: ServerResponse, response: HttpResponse): Promise<void> | undefined {
  const { body } = response
  // A whole body is written at once: no promise for it.
  if (typeof body === 'string' || body instanceof Uint8Array) {
    res.writeHead(response.status, headersWithLength(response.headers, String(Buffer.byteLength(body))))
    res.end(body)
    return undefined
  }
  return sendStream(res, response.status, response.headers, body)
}

async function sendStream(res: ServerResponse, status: number, headers: HttpResponse['headers'], body: AsyncIterable<string | Uint8Array>): Promise<void> {
  res.writeHead(status, headers)
  res.socket?.setNoDelay(true)
  await pipeline(Readable.from(body, { objectMode: false }), res)
}
