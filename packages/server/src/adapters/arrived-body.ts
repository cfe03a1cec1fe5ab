import type { IncomingMessage } from 'node:http'

/**
 * The bytes of a request body that has arrived whole and that nothing has started to read,
 * taken from the stream's buffer at once; `undefined` when that is not so (the body must be
 * read as a stream). A small write's body mostly comes in the packet of its headers: Node has
 * parsed it by the time a microtask runs after the request event, and reading it this way costs
 * no listener, no timer and no copy of the chunks, which a stream read (raw-body) pays. Whole
 * means every byte of the `Content-Length` (Node's parser never passes more). A chunked body is
 * left to the stream read: Node marks its message complete only after that microtask.
 */
export function arrivedBody(req: IncomingMessage): Uint8Array | undefined {
  // `readableFlowing` is null until anyone listens for data, pipes, pauses or resumes it.
  if (req.readableFlowing !== null || req.readableEnded || req.readableEncoding !== null) return undefined
  const length = req.readableLength
  const declared = req.headers['content-length']
  if (declared === undefined || Number(declared) !== length) return undefined
  // With no size, `read()` returns everything buffered as one Buffer (a paused stream's rule),
  // null for an empty body.
  const bytes = req.read() as Buffer | null
  // The stream then ends (and closes) as any read one does, once Node has seen the message end.
  req.resume()
  return bytes ?? new Uint8Array(0)
}
