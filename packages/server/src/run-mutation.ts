import { MizanError, toMizanError } from './error.ts'
import { dedupeDirectives } from './protocol/directive.ts'
import type { InvalidationDirective } from './protocol/directive.ts'
import type { ProcedureDef } from './procedure.ts'
import { pathsOfTargets, readStatic } from './router-index.ts'
import type { RouterIndex } from './router-index.ts'
import { runProcedure } from './run-procedure.ts'
import type { CallTrace, ProcedureCall } from './run-procedure.ts'
import { isStaticSpec } from './target.ts'
import type { Targets } from './target.ts'

export type MutationOutcome =
  | { readonly ok: true; readonly data: unknown; readonly invalidate: InvalidationDirective[] }
  | { readonly ok: false; readonly error: MizanError; readonly invalidate: InvalidationDirective[] }

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
    return { ok: false, error: toMizanError(error), invalidate: trace.resolverRan ? staticDirectives(index, def, call.path) : [] }
  }
  try {
    const targets = def.invalidates.flatMap((spec) =>
      isStaticSpec(spec) ? readStatic(spec) : spec({ input: trace.input, result: data, ctx: trace.ctx }),
    )
    return { ok: true, data, invalidate: toDirectives(index, call.path, targets) }
  } catch (error) {
    // The write happened: whatever can still be resolved is sent with the error.
    return { ok: false, error: toMizanError(error), invalidate: staticDirectives(index, def, call.path) }
  }
}

function staticDirectives(index: RouterIndex, def: ProcedureDef, path: string): InvalidationDirective[] {
  try {
    return toDirectives(index, path, def.invalidates.filter(isStaticSpec).flatMap(readStatic))
  } catch {
    return []
  }
}

/** Turns targets into wire directives: one per mounted path, deduplicated. */
export function toDirectives(index: RouterIndex, mutationPath: string, targets: Targets): InvalidationDirective[] {
  const directives: InvalidationDirective[] = []
  for (const { target, paths } of pathsOfTargets(index, mutationPath, targets)) {
    for (const context of paths) {
      if (!('kind' in target)) directives.push({ kind: 'whole', context })
      else if (target.kind === 'exact') directives.push({ kind: 'exact', context, params: target.params })
      else directives.push({ kind: 'partial', context, params: target.params })
    }
  }
  return dedupeDirectives(directives)
}
