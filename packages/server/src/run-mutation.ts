import type { InvalidationDirective } from './protocol/directive.ts'
import type { ProcedureDef } from './procedure.ts'
import { readStatic } from './router-index.ts'
import { toDirectives } from './to-directives.ts'
import type { RouterIndex } from './router-index.ts'
import { runProcedure } from './run-procedure.ts'
import type { CallTrace, ProcedureCall } from './run-procedure.ts'
import { isStaticSpec } from './target.ts'

export type MutationOutcome =
  | { readonly ok: true; readonly data: unknown; readonly invalidate: InvalidationDirective[] }
  | { readonly ok: false; readonly error: unknown; readonly invalidate: InvalidationDirective[] }

/**
 * Runs a mutation and resolves what it invalidates. After a success every target applies; after
 * the resolver failed only the static ones (the write may have changed something before failing);
 * when middleware or validation refused the call, nothing was written and nothing is invalidated.
 *
 * A committed write is always reported as committed: when its targets cannot be resolved (an
 * `invalidates` function throws, names something that is no mounted target), the directives
 * widen to `all` and the error goes to `report` (which must not throw) instead of failing the
 * call. Params that cannot be keyed widen to their whole context (see `dedupeDirectives`).
 */
export async function runMutation(
  index: RouterIndex,
  def: ProcedureDef,
  call: ProcedureCall,
  report: (error: unknown) => void,
): Promise<MutationOutcome> {
  const trace: CallTrace = { resolverRan: false, ctx: undefined, input: undefined }
  let data: unknown
  try {
    data = await runProcedure(def, call, trace)
  } catch (error) {
    return { ok: false, error, invalidate: trace.resolverRan ? staticDirectives(index, def, call.path, report) : [] }
  }
  try {
    const targets = def.invalidates.flatMap((spec) =>
      isStaticSpec(spec) ? readStatic(spec) : spec({ input: trace.input, result: data, ctx: trace.ctx }),
    )
    return { ok: true, data, invalidate: toDirectives(index, `Mutation "${call.path}"`, targets) }
  } catch (error) {
    report(error)
    return { ok: true, data, invalidate: [{ kind: 'all' }] }
  }
}

function staticDirectives(index: RouterIndex, def: ProcedureDef, path: string, report: (error: unknown) => void): InvalidationDirective[] {
  try {
    return toDirectives(index, `Mutation "${path}"`, def.invalidates.filter(isStaticSpec).flatMap(readStatic))
  } catch (error) {
    // A thunk that throws after a write that may have changed something: nothing narrower is known.
    report(error)
    return [{ kind: 'all' }]
  }
}
