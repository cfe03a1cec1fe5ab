import type { StandardSchemaV1 } from '@standard-schema/spec'
import type { MaybePromise, ProcedureDef, Step } from '../procedure.ts'
import { thenOrNow } from '../then-or-now.ts'

/** What a context's input schema makes of params: `refused` when they do not validate. */
export type ParsedParams = { readonly value: unknown } | 'refused'

/**
 * Runs a context's input schema on the params a write named (typed as the schema's input), as
 * a read runs it on what a client sent: cache entries are keyed by the parsed params, so a write
 * naming `{ q: ' a ' }` must also reach the entry of `{ q: 'a' }`. Undefined for a context
 * without input. Waits only for schemas that really are asynchronous. A schema that throws (or
 * rejects) instead of reporting issues throws here: the caller widens the purge.
 */
export function parseParams(def: ProcedureDef, params: unknown): MaybePromise<ParsedParams> | undefined {
  const step = def.steps.find((candidate): candidate is Extract<Step, { kind: 'input' }> => candidate.kind === 'input')
  if (!step) return undefined
  const result = step.schema['~standard'].validate(params)
  return thenOrNow(result, outcome)
}

function outcome(result: StandardSchemaV1.Result<unknown>): ParsedParams {
  return result.issues ? 'refused' : { value: result.value }
}
