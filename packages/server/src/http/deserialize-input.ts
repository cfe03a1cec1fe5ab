import { MizanError } from '../error.ts'
import type { Transformer } from '../protocol/transformer.ts'

/** A transformer refusing its input (e.g. malformed superjson meta) is the client's fault: 400. */
export function deserializeInput(transformer: Transformer, value: unknown): unknown {
  try {
    return transformer.deserialize(value)
  } catch {
    throw new MizanError({ code: 'BAD_REQUEST', message: 'The input could not be decoded by the transformer' })
  }
}
