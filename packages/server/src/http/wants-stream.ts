import { bundleStreamType } from '../protocol/wire.ts'
import type { HeaderRecord } from './http-types.ts'
import { mediaTypeOf } from './media-type.ts'

/**
 * True when the request's `accept` names the streamed bundle type. Clients that do not (every
 * client before streaming) keep getting the buffered array: streaming is opt-in per request.
 */
export function wantsStream(headers: HeaderRecord): boolean {
  const accept = headers['accept']
  const values = typeof accept === 'string' ? [accept] : (accept ?? [])
  return values.some((value) => value.split(',').some((range) => mediaTypeOf(range) === bundleStreamType))
}
