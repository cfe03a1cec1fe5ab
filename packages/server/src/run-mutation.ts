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
 */
export async function runMutation(index: RouterIndex, def: ProcedureDef, call: ProcedureCall): Promise<MutationOutcome> {
  const trace: CallTrace = { resolverRan: false, ctx: undefined, input: undefined }
  let data: unknown
  try {
    data = await runProcedure(def, call, trace)
  } catch (error) {
    return { ok: false, error, invalidate: trace.resolverRan ? staticDirectives(index, def, call.path) : [] }
  }
  try {
    const targets = def.invalidates.flatMap((spec) =>
      isStaticSpec(spec) ? readStatic(spec) : spec({ input: trace.input, result: data, ctx: trace.ctx }),
    )
    return { ok: true, data, invalidate: toDirectives(index, `Mutation "${call.path}"`, targets) }
  } catch (error) {
    // The write happened: whatever can still be resolved is sent with the error.
    return { ok: false, error, invalidate: staticDirectives(index, def, call.path) }
  }
}

function staticDirectives(index: RouterIndex, def: ProcedureDef, path: string): InvalidationDirective[] {
  try {
    return toDirectives(index, `Mutation "${path}"`, def.invalidates.filter(isStaticSpec).flatMap(readStatic))
  } catch {
    return []
  }
}
