import type { Transformer } from '@mizan/server/protocol'
import { badResponse } from './client-error.ts'

/**
 * The data of a successful answer, decoded: plain JSON drops an undefined `data` key, so an answer
 * without one is `undefined`; data the transformer cannot decode is BAD_RESPONSE.
 */
export function decodeData(transformer: Transformer, answer: object, path: string, status: number): unknown {
  if (!('data' in answer)) return undefined
  try {
    return transformer.deserialize(answer.data)
  } catch {
    throw badResponse(path, status, 'the data could not be decoded')
  }
}
