import { MizanError } from '../error.ts'
import type { HttpRequest } from './http-types.ts'
import { assertSafe, parseJson } from './parse-json.ts'

/**
 * Checks what can be checked before reading (JSON content type and no content encoding: 415;
 * declared length: 413), then reads and parses the body. An empty body is `undefined`. Fails by
 * rejecting, never by throwing. Not an async function: a write makes one promise fewer.
 */
export function readJsonBody(request: HttpRequest, limit: number): Promise<unknown> {
  try {
    assertJsonContentType(request)
    const declared = Number(request.headers['content-length'])
    if (declared > limit) throw tooLarge(limit)
    // An earlier parser has decoded whatever encoding the body had.
    if (request.parsedBody) return Promise.resolve(fromParsedBody(request.parsedBody.value))
    assertIdentityEncoding(request)
  } catch (error) {
    return Promise.reject(error)
  }
  return request.readBody(limit).then((text) => (text === '' ? undefined : parseJson(text, 'The request body')))
}

function assertJsonContentType(request: HttpRequest): void {
  const type = request.headers['content-type']
  // What the Mizan client sends, taken without parsing.
  if (type === 'application/json') return
  const mediaType = typeof type === 'string' ? type.split(';', 1)[0]!.trim().toLowerCase() : ''
  if (mediaType !== 'application/json') {
    throw new MizanError({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: `Send this request as application/json${mediaType ? `, not ${mediaType}` : ''}`,
    })
  }
}

// Mizan does not decompress: a compressed body read as it is would be garbage, or a way past the
// byte limit if it were inflated without a bound.
function assertIdentityEncoding(request: HttpRequest): void {
  const header = request.headers['content-encoding']
  const encoding = (Array.isArray(header) ? header.join(',') : (header ?? '')).trim().toLowerCase()
  if (encoding !== '' && encoding !== 'identity') {
    throw new MizanError({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: `Content-Encoding "${encoding.slice(0, 40)}" is not supported: send the body uncompressed`,
    })
  }
}

// A body that `express.json()` (or a text/raw parser) read before Mizan.
function fromParsedBody(value: unknown): unknown {
  if (typeof value === 'string') return value === '' ? undefined : parseJson(value, 'The request body')
  if (value instanceof Uint8Array) return value.byteLength === 0 ? undefined : parseJson(decodeUtf8(value), 'The request body')
  assertSafe(value, 'The request body')
  return value
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Decodes a body's bytes, refusing what is not UTF-8 (rather than replacing it with U+FFFD). */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes)
  } catch {
    throw new MizanError({ code: 'BAD_REQUEST', message: 'The request body is not valid UTF-8' })
  }
}

export function tooLarge(limit: number): MizanError {
  return new MizanError({ code: 'PAYLOAD_TOO_LARGE', message: `The request body is larger than ${limit} bytes` })
}
