import { addressTargets } from './address-targets.ts'
import type { AddressedDirective } from './address-targets.ts'
import { applyWrite } from './apply-write.ts'
import type { KeyedDirective } from './protocol/keyed-directives.ts'
import { isThenable } from './is-thenable.ts'
import type { MaybePromise, ProcedureDef } from './procedure.ts'
import type { RouterIndex } from './router-index.ts'
import { runProcedure } from './run-procedure.ts'
import type { CallTrace, ProcedureCall } from './run-procedure.ts'
import { thenOrNow } from './then-or-now.ts'
import type { Targets } from './target.ts'

/** The directives come keyed, each with its wire text (see `KeyedDirective`). */
export type MutationOutcome =
  | { readonly ok: true; readonly data: unknown; readonly invalidate: KeyedDirective[] }
  | { readonly ok: false; readonly error: unknown; readonly invalidate: KeyedDirective[] }

/**
 * Runs a mutation and resolves what it invalidates. When middleware or validation refused the
 * call, nothing was written and nothing is invalidated. Once the resolver ran, `invalidates`
 * targets apply whether it returned or threw (it may have written before failing); the
 * `invalidatesOnSuccess` ones, which need its result, after a success only.
 *
 * A write that may have happened is never reported as less: when its targets cannot be resolved
 * (a target function throws, names something that is no mounted target), the directives widen
 * to `all` and the error goes to `report` (which must not throw) instead of failing a committed
 * call. Params that cannot be keyed widen to their whole context (see `dedupeKeyed`).
 *
 * The write's effects (see `applyWrite`: the cache purge, then its event, with `id`) happen
 * before this settles: whoever answers the write answers after them (read-your-writes). The
 * outcome's directives are those of the acting user's answer. A synchronous chain with nothing
 * to wait for (no cache, nobody listening) gives its outcome with no promise made.
 */
export function runMutation(
  index: RouterIndex,
  def: ProcedureDef,
  call: ProcedureCall,
  id: string,
  report: (error: unknown) => void,
): MaybePromise<MutationOutcome> {
  const trace: CallTrace = { resolverRan: false, ctx: undefined, input: undefined }
  const write: MutationWrite = { index, def, call, id, report, trace }
  // A synchronous chain (validation and resolver) is answered with no promise made.
  let data: unknown
  try {
    data = runProcedure(def, call, trace)
  } catch (error) {
    return failed(write, error)
  }
  return isThenable(data) ? Promise.resolve(data).then((value) => succeeded(write, value), (error: unknown) => failed(write, error)) : succeeded(write, data)
}

// One mutation call, for the steps after its resolver: module functions rather than closures
// made per call, since a busy server pays for each allocation of a small write.
interface MutationWrite {
  readonly index: RouterIndex
  readonly def: ProcedureDef
  readonly call: ProcedureCall
  readonly id: string
  readonly report: (error: unknown) => void
  readonly trace: CallTrace
}

function succeeded(write: MutationWrite, data: unknown): MaybePromise<MutationOutcome> {
  const { def, trace } = write
  const directives = resolveDirectives(write, () =>
    def.invalidatesOnSuccess.length === 0
      ? targetsOf(def, trace)
      : [...targetsOf(def, trace), ...def.invalidatesOnSuccess.flatMap((fn) => fn(Object.freeze({ input: trace.input, ctx: trace.ctx, result: data })))],
  )
  return thenOrNow(effects(write, directives), (invalidate): MutationOutcome => ({ ok: true, data, invalidate }))
}

function failed(write: MutationWrite, error: unknown): MaybePromise<MutationOutcome> {
  if (!write.trace.resolverRan) return { ok: false, error, invalidate: [] }
  const directives = resolveDirectives(write, () => targetsOf(write.def, write.trace))
  return thenOrNow(effects(write, directives), (invalidate): MutationOutcome => ({ ok: false, error, invalidate }))
}

function effects({ index, id, report, trace }: MutationWrite, directives: AddressedDirective[]): MaybePromise<KeyedDirective[]> {
  return applyWrite(index, { id, actor: actorOf(index, trace.ctx, report), directives }, report)
}

// The app's `userKey` may throw; the write happened all the same.
function actorOf(index: RouterIndex, ctx: unknown, report: (error: unknown) => void): string | undefined {
  try {
    return index.userOf(ctx)
  } catch (error) {
    report(error)
    return undefined
  }
}

/** The `invalidates` targets of a call whose resolver ran, whatever its outcome. */
function targetsOf(def: ProcedureDef, trace: CallTrace): Targets {
  const { invalidates } = def
  const before = Object.freeze({ input: trace.input, ctx: trace.ctx })
  // One spec, the common case: its list as it is, without the copy `flatMap` makes (which would
  // take a lone target for a list of one, as this does).
  if (invalidates.length === 1) {
    const spec = invalidates[0]!
    const targets: unknown = typeof spec === 'function' ? spec(before) : spec
    return (Array.isArray(targets) ? targets : [targets]) as Targets
  }
  return invalidates.flatMap((spec) => (typeof spec === 'function' ? spec(before) : spec))
}

function resolveDirectives({ index, call, report }: MutationWrite, targets: () => Targets): AddressedDirective[] {
  try {
    return addressTargets(index, `Mutation "${call.path}"`, targets())
  } catch (error) {
    // The write may have changed something, and nothing narrower is known.
    report(error)
    return [{ directive: { kind: 'all' }, to: 'every' }]
  }
}
