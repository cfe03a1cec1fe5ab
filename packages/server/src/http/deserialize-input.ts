import { MizanError } from '../error.ts'
import { jsonTransformer } from '../protocol/transformer.ts'
import type { Transformer } from '../protocol/transformer.ts'
import { boundInput } from './bound-input.ts'
import { spendMetaPathCost } from './meta-path-cost.ts'
import { assertSharedReferenceTargets } from './shared-reference-targets.ts'
import type { InputBudget } from './bound-input.ts'

/**
 * Decodes one input with a transformer from `decodingTransformer`, which bounds what it decodes.
 * A transformer refusing its input (e.g. malformed superjson meta) is the client's fault: 400;
 * a refusal of the bounds keeps its own code (413 for size, 400 for depth, cycles and
 * prototype keys).
 */
export function deserializeInput(transformer: Transformer, value: unknown): unknown {
  try {
    return transformer.deserialize(value)
  } catch (error) {
    if (error instanceof MizanError) throw error
    throw new MizanError({ code: 'BAD_REQUEST', message: 'The input could not be decoded by the transformer' })
  }
}

/**
 * The transformer a request's inputs are decoded with: the router's own, whose output is checked
 * by `boundInput` against the request's `budget` before anything else walks it. Plain JSON input
 * goes through the same check. Serialising is the router's transformer unchanged.
 */
export function decodingTransformer(transformer: Transformer, budget: InputBudget): Transformer {
  return {
    serialize: (value) => transformer.serialize(value),
    deserialize: (value) => {
      // Plain JSON has no metadata: a field named `meta` there is the app's own data.
      if (transformer !== jsonTransformer) {
        spendMetaPathCost(value, budget)
        assertSharedReferenceTargets(value)
      }
      const decoded = transformer.deserialize(value)
      boundInput(decoded, budget)
      return decoded
    },
  }
}
