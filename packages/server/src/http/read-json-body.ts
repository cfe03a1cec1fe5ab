import { MizanError } from '../error.ts'
import type { HttpRequest } from './http-types.ts'
import { assertSafe, parseJson } from './parse-json.ts'

/**
 * Checks what can be checked before reading (JSON content type: 415; declared length: 413), then
 * reads and parses the body. An empty body is `undefined`.
 */
export async function readJsonBody(request: HttpRequest, limit: number): Promise<unknown> {
  assertJsonContentType(request)
  const declared = Number(request.headers['content-length'])
  if (declared > limit) throw tooLarge(limit)
  if (request.parsedBody) return fromParsedBody(request.parsedBody.value)
  const text = await request.readBody(limit)
  return text === '' ? undefined : parseJson(text, 'The request body')
}

function assertJsonContentType(request: HttpRequest): void {
  const type = request.headers['content-type']
  const mediaType = typeof type === 'string' ? type.split(';', 1)[0]!.trim().toLowerCase() : ''
  if (mediaType !== 'application/json') {
    throw new MizanError({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: `Send this request as application/json${mediaType ? `, not ${mediaType}` : ''}`,
    })
  }
}

// A body that `express.json()` (or a text/raw parser) read before Mizan.
function fromParsedBody(value: unknown): unknown {
  if (typeof value === 'string') return value === '' ? undefined : parseJson(value, 'The request body')
  if (value instanceof Uint8Array) return value.byteLength === 0 ? undefined : parseJson(new TextDecoder().decode(value), 'The request body')
  assertSafe(value, 'The request body')
  return value
}

export function tooLarge(limit: number): MizanError {
  return new MizanError({ code: 'PAYLOAD_TOO_LARGE', message: `The request body is larger than ${limit} bytes` })
}
