import { canonicalForm, stableKey } from '@mizan/client'
import type { AnyRouter, Transformer } from '@mizan/client'
import { jsonRoundTrip } from './json-round-trip.ts'

/**
 * The canonical params of a read as the context's schema parsed them, in the transformer's JSON
 * form, when they differ from the params `sent` (the key's); undefined otherwise, or when they
 * cannot be known. The same rule as a read's answer over HTTP (`ItemAnswer.params`).
 *
 * The caller runs the schema but does not hand its output back, so the schema runs a second time
 * here, on a read that has just passed it; that is the price of hydrated queries being found by
 * writes that name their parsed params.
 */
export async function parsedParamsOf(router: AnyRouter, path: string, rawInput: unknown, sent: unknown, transformer: Transformer): Promise<unknown> {
  // The resolver sees the output of the last input step (each validates the raw input).
  const step = router._def.procedures.get(path)?._def.steps.findLast((candidate) => candidate.kind === 'input')
  if (step?.kind !== 'input') return undefined
  try {
    const result = await step.schema['~standard'].validate(rawInput)
    if (result.issues) return undefined
    const params = jsonRoundTrip(canonicalForm(result.value, transformer))
    return sent !== undefined && stableKey(params) === stableKey(sent) ? undefined : params
  } catch {
    // Parsed input with no canonical form (a class instance, a cycle): known by its key only.
    return undefined
  }
}
