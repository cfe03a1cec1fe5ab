import { MizanError } from '../error.ts'
import type { MaybePromise, ProcedureDef } from '../procedure.ts'
import type { Transformer } from '../protocol/transformer.ts'
import { keyedJson } from '../protocol/keyed-directives.ts'
import { isMutationId, mutationIdHeader } from '../protocol/wire.ts'
import type { WireError } from '../protocol/wire.ts'
import type { RouterIndex } from '../router-index.ts'
import { runMutation } from '../run-mutation.ts'
import type { MutationOutcome } from '../run-mutation.ts'
import type { ProcedureCall } from '../run-procedure.ts'
import { thenOrNow } from '../then-or-now.ts'
import { deserializeInput } from './deserialize-input.ts'
import { newMutationId } from './mutation-id.ts'
import type { HttpRequest, HttpResponse } from './http-types.ts'
import { jsonTextResponse } from './responses.ts'
import { toWireError } from './wire-error.ts'

/** The mutation a `/m/{path}` request names, or a 404 that names nothing internal. */
export function findMutation(index: RouterIndex, path: string): ProcedureDef {
  const procedure = index.procedures.get(path)
  if (!procedure || procedure._kind !== 'mutation') throw new MizanError({ code: 'NOT_FOUND', message: 'No such mutation' })
  return procedure._def
}

/**
 * The id of a mutation request: the one the client chose (`Mizan-Mutation-Id`, so it can tell
 * the echo of its own write on the event stream), or a new one. One that is not a mutation id
 * is refused before anything runs.
 */
export function mutationIdOf(request: HttpRequest): string {
  const value = request.headers[mutationIdHeader]
  if (value === undefined) return newMutationId()
  if (isMutationId(value)) return value
  throw new MizanError({
    code: 'BAD_REQUEST',
    message: `The ${mutationIdHeader} header must be one value of 16 to 64 characters among A-Z, a-z, 0-9, "_" and "-" (a UUID fits)`,
  })
}

/** The raw input of a write from its parsed body (see `readJsonBody`): none for an empty body. */
export function mutationInputOf(body: unknown, transformer: Transformer): unknown {
  return body === undefined ? undefined : deserializeInput(transformer, body)
}

/**
 * Runs the mutation and answers `{ id, data | error, invalidate }` (the event of the write carries the same id): 200 on success, the error's
 * status otherwise, with the directives in both cases. A committed write answers 200 even when its
 * targets could not be resolved precisely (they widen, see `runMutation`); when its data cannot be
 * serialised, the answer is an INTERNAL error that still carries the directives. `fail` reports an
 * error through `onError` and gives its wire form.
 */
export function answerMutation(
  index: RouterIndex,
  transformer: Transformer,
  def: ProcedureDef,
  call: ProcedureCall,
  id: string,
  fail: (error: unknown) => WireError,
): MaybePromise<HttpResponse> {
  // An `onError` that throws must not lose the answer of a write that may have happened.
  const report = (error: unknown): WireError => {
    try {
      return fail(error)
    } catch {
      return toWireError(error, false)
    }
  }
  return thenOrNow(runMutation(index, def, call, id, report), (outcome) => answerOutcome(transformer, outcome, id, report))
}

function answerOutcome(transformer: Transformer, outcome: MutationOutcome, id: string, report: (error: unknown) => WireError): HttpResponse {
  // Made with the keys, from the same canonical forms (see `KeyedDirective`).
  const invalidate = keyedJson(outcome.invalidate)
  if (outcome.ok) {
    let data: string | undefined
    try {
      data = JSON.stringify(transformer.serialize(outcome.data))
    } catch (cause) {
      const error = report(new MizanError({ code: 'INTERNAL', message: 'The write was committed, but its data could not be serialised', cause }))
      return jsonTextResponse(error.status, answerJson(id, 'error', JSON.stringify(error), invalidate))
    }
    return jsonTextResponse(200, answerJson(id, 'data', data, invalidate))
  }
  const error = report(outcome.error)
  return jsonTextResponse(error.status, answerJson(id, 'error', JSON.stringify(error), invalidate))
}

// `MutationAnswer` as text, from parts serialised separately so that one part failing leaves the
// others intact. A `data` that serialises to nothing (undefined under plain JSON) is left out.
function answerJson(id: string, key: 'data' | 'error', value: string | undefined, invalidate: string): string {
  const entry = value === undefined ? '' : `,${JSON.stringify(key)}:${value}`
  return `{"id":${JSON.stringify(id)}${entry},"invalidate":${invalidate}}`
}
