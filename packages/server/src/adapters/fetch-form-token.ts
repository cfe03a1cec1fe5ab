import { MizanError } from '../error.ts'
import { mediaTypeOf, multipartType, urlencodedType } from '../http/media-type.ts'
import { csrfFormField, csrfHeader } from '../protocol/wire.ts'
import { readFetchBytes } from './read-fetch-body.ts'

/**
 * The `_csrf` field of a urlencoded or multipart form posted to an app's own route, read from a
 * clone of the request (the app reads the body afterwards as if untouched), within the handler's
 * byte limit and deadline. The runtime's own `formData()` parses both kinds, so this works
 * wherever the Fetch API does. Other bodies carry no field: undefined.
 */
export async function fetchFormToken(request: Request, limit: number, timeoutMs: number): Promise<string | undefined> {
  const contentType = request.headers.get('content-type')
  const type = mediaTypeOf(contentType)
  if (type !== urlencodedType && type !== multipartType) return undefined
  if (request.bodyUsed) {
    throw new MizanError({ code: 'CSRF', message: `The form's body was read before the CSRF check, so its ${csrfFormField} field cannot be: check first, or send the token in the ${csrfHeader} header` })
  }
  let bytes: Uint8Array<ArrayBuffer>
  try {
    bytes = await readFetchBytes(request.clone(), limit, timeoutMs)
  } catch (error) {
    if (error instanceof MizanError && error.code === 'PAYLOAD_TOO_LARGE') {
      throw new MizanError({ code: 'PAYLOAD_TOO_LARGE', message: `${error.message}: a larger form must send its CSRF token in the ${csrfHeader} header` })
    }
    throw error
  }
  let form: FormData
  try {
    form = await new Response(bytes, { headers: { 'content-type': contentType! } }).formData()
  } catch (cause) {
    throw new MizanError({ code: 'BAD_REQUEST', message: `The form body is not valid ${type}, so its ${csrfFormField} field could not be read`, cause })
  }
  const value = form.getAll(csrfFormField)
  return value.length === 1 && typeof value[0] === 'string' ? value[0] : undefined
}
