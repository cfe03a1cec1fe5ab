import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import getRawBody from 'raw-body'
import { MizanError } from '../error.ts'
import { deadlineTimer } from '../http/body-deadline.ts'
import { decodeUtf8, tooLarge } from '../http/read-json-body.ts'
import type { HttpResponse } from '../http/http-types.ts'

/**
 * Reads a Node request body with raw-body: it stops at `limit` bytes and pauses the stream, so
 * a body that keeps growing is never read further (the 413 then closes the connection). A body
 * still incomplete after `timeoutMs` is given up (408, and the connection is closed too); bytes
 * that are not UTF-8 are refused (400). One promise and one timer per read, no race between
 * promises: this runs for every write.
 */
export function readNodeBody(req: IncomingMessage, limit: number, timeoutMs: number): Promise<string> {
  const length = req.headers['content-length']
  return new Promise((resolve, reject) => {
    // Given up on, the read still ends (with an error) when the connection closes: nobody waits.
    // A body whose every byte has arrived already (`complete`, as a small write's body mostly
    // has by now) has nothing left to wait for: no timer, which costs a busy server's writes a
    // few percent.
    const timer = req.complete ? undefined : deadlineTimer(timeoutMs, reject)
    getRawBody(req, { limit, ...(length === undefined ? {} : { length }) }, (error, bytes) => {
      if (timer !== undefined) clearTimeout(timer)
      if (error) return reject(readError(error, limit))
      try {
        resolve(decodeUtf8(bytes))
      } catch (refused) {
        reject(refused)
      }
    })
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
export async function sendNodeResponse(res: ServerResponse, response: HttpResponse): Promise<void> {
  const { body } = response
  if (typeof body === 'string' || body instanceof Uint8Array) {
    res.writeHead(response.status, { ...response.headers, 'content-length': String(Buffer.byteLength(body)) })
    res.end(body)
    return
  }
  res.writeHead(response.status, response.headers)
  res.socket?.setNoDelay(true)
  await pipeline(Readable.from(body, { objectMode: false }), res)
}
