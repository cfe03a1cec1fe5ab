import type { IncomingMessage } from 'node:http'
import { MizanError } from '../error.ts'
import { mediaTypeOf, multipartType, urlencodedType } from '../http/media-type.ts'
import { csrfFormField, csrfHeader } from '../protocol/wire.ts'
import { readNodeBody } from './node-body.ts'

/** A Node request, with the `body` an Express parser may have set. */
export type FormRequest = IncomingMessage & { body?: unknown }

/**
 * The `_csrf` field of a form posted to an app's own route (Express or node:http). A body a
 * parser already read is looked up as it is. An unparsed urlencoded body is read here (within the handler's
 * byte limit and deadline) and left in `req.body` as `express.urlencoded({ extended: false })`
 * leaves it, so a parser mounted later finds the work done. A multipart body is not read here:
 * its files would have to be buffered first, so a multipart parser (e.g. multer) must run before
 * the check, or the token come in the header.
 */
export async function nodeFormToken(req: FormRequest, limit: number, timeoutMs: number): Promise<string | undefined> {
  if (isRecord(req.body)) return fieldOf(req.body)
  const type = mediaTypeOf(req.headers['content-type'])
  if (type === urlencodedType && !req.readableEnded) {
    const form = parseUrlencoded(await readFormBody(req, limit, timeoutMs))
    req.body = form
    return fieldOf(form)
  }
  if (type === multipartType) {
    throw new MizanError({
      code: 'CSRF',
      message: `A multipart/form-data post carries its CSRF token in the ${csrfFormField} field only once a multipart parser (e.g. multer) has read it: mount one before the check, or send the token in the ${csrfHeader} header`,
    })
  }
  return undefined
}

async function readFormBody(req: IncomingMessage, limit: number, timeoutMs: number): Promise<string> {
  try {
    return await readNodeBody(req, limit, timeoutMs)
  } catch (error) {
    if (error instanceof MizanError && error.code === 'PAYLOAD_TOO_LARGE') {
      throw new MizanError({ code: 'PAYLOAD_TOO_LARGE', message: `${error.message}: a larger form must send its CSRF token in the ${csrfHeader} header` })
    }
    throw error
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
}

// A field given twice is a list, as body-parser makes it: no token then.
function fieldOf(body: Record<string, unknown>): string | undefined {
  const value = Object.hasOwn(body, csrfFormField) ? body[csrfFormField] : undefined
  return typeof value === 'string' ? value : undefined
}

// Null-prototype, so a field named `__proto__` is only a field.
function parseUrlencoded(text: string): Record<string, string | string[]> {
  const form: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>
  for (const [name, value] of new URLSearchParams(text)) {
    const earlier = form[name]
    if (earlier === undefined) form[name] = value
    else if (Array.isArray(earlier)) earlier.push(value)
    else form[name] = [earlier, value]
  }
  return form
}
