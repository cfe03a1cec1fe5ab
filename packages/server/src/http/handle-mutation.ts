import { MizanError } from '../error.ts'
import type { ProcedureDef } from '../procedure.ts'
import type { Transformer } from '../protocol/transformer.ts'
import type { MutationAnswer, WireError } from '../protocol/wire.ts'
import type { RouterIndex } from '../router-index.ts'
import { runMutation } from '../run-mutation.ts'
import { deserializeInput } from './deserialize-input.ts'
import type { HttpRequest, HttpResponse } from './http-types.ts'
import { newMutationId } from './mutation-id.ts'
import { readJsonBody } from './read-json-body.ts'
import { jsonResponse } from './responses.ts'
import type { ResolvedOptions } from './resolved-options.ts'

/** The mutation a `/m/{path}` request names, or a 404 that names nothing internal. */
export function findMutation(index: RouterIndex, path: string): ProcedureDef {
  const procedure = index.procedures.get(path)
  if (!procedure || procedure._kind !== 'mutation') throw new MizanError({ code: 'NOT_FOUND', message: 'No such mutation' })
  return procedure._def
}

export async function readMutationInput(request: HttpRequest, options: ResolvedOptions, transformer: Transformer): Promise<unknown> {
  const body = await readJsonBody(request, options.maxBodyBytes)
  return body === undefined ? undefined : deserializeInput(transformer, body)
}

/**
 * Runs the mutation and answers `{ id, data | error, invalidate }`: 200 on success, the error's
 * status otherwise, with the directives in both cases.
 */
export async function answerMutation(
  index: RouterIndex,
  transformer: Transformer,
  def: ProcedureDef,
  call: { readonly ctx: unknown; readonly rawInput: unknown; readonly path: string; readonly signal: AbortSignal | undefined },
  toWire: (error: unknown) => WireError,
): Promise<HttpResponse> {
  const outcome = await runMutation(index, def, call)
  const id = newMutationId()
  const invalidate = transformer.serialize(outcome.invalidate)
  if (outcome.ok) {
    const answer: MutationAnswer = { id, data: transformer.serialize(outcome.data), invalidate }
    return jsonResponse(200, answer)
  }
  const error = toWire(outcome.error)
  const answer: MutationAnswer = { id, error, invalidate }
  return jsonResponse(error.status, answer)
}
