import { MizanError } from '../error.ts'
import { bodyDeadline } from '../http/body-deadline.ts'
import { decodeUtf8, tooLarge } from '../http/read-json-body.ts'

/**
 * Reads at most `limit` bytes within `timeoutMs`, cancelling the stream as soon as it grows past
 * them or the time is up; refuses bytes that are not UTF-8.
 */
export async function readFetchBody(request: Request, limit: number, timeoutMs: number): Promise<string> {
  return decodeUtf8(await readFetchBytes(request, limit, timeoutMs))
}

/** The bytes of a body, within the same bounds as `readFetchBody` (a form's files need not be text). */
export async function readFetchBytes(request: Request, limit: number, timeoutMs: number): Promise<Uint8Array<ArrayBuffer>> {
  if (!request.body) return new Uint8Array(0)
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
  return bytes
}
