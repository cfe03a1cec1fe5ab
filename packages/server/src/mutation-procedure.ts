import type { ProcedureDef } from './procedure.ts'
import type { InputOf } from './schema-types.ts'
import type { AnyInvalidatesOnSuccessFn, AnyInvalidatesSpec, InvalidatesOnSuccessFn, Targets } from './target.ts'

/**
 * A finished mutation (a typed write) and the contexts it declares it invalidates. `TInput`: the
 * input type, or the schema it is read from (only where it is used).
 */
export interface MutationProcedure<TCtx, TInput, TParsed, TData> {
  readonly _kind: 'mutation'
  readonly _def: ProcedureDef
  /** Only in the types: what callers send and get. */
  readonly _types: { readonly input: InputOf<TInput>; readonly output: TData }
  // `invalidates` and `invalidatesOnSuccess` return a new mutation of the same type, typed `this`:
  // with `InvalidatesSpec` written out, it halves what a call costs the type checker, and with
  // `InvalidatesOptions` written out too, it saves two more instantiations per mutation.
  /**
   * Declares what this write changes, returning a new mutation (this one is left as it was).
   * Called again, it adds targets. Targets are typed: a misspelt context, wrong params, or params
   * for a context that takes none do not compile.
   *
   * These targets apply whenever the resolver ran: after a success, and after it threw (it may
   * have written before failing). So a function here is given only what was known before the
   * resolver ran, `{ input, ctx }`; targets that need the result go in `invalidatesOnSuccess`.
   *
   * @example
   * .invalidates([projects])
   * .invalidates(({ input }) => [project({ id: input.id })])
   */
  invalidates(
    targets:
      | Targets
      | ((opts: {
          /** The parsed input the resolver received. */
          readonly input: TParsed
          /** The context as the resolver saw it, after middleware. */
          readonly ctx: TCtx
        }) => Targets),
  ): this
  /**
   * Declares targets computed from the resolver's result, returning a new mutation. They apply
   * after a success only: when the resolver throws, only `invalidates` targets are sent.
   *
   * @example
   * .invalidatesOnSuccess(({ result }) => [tasks.where({ projectId: result.projectId })])
   */
  invalidatesOnSuccess(targets: InvalidatesOnSuccessFn<TCtx, TParsed, TData>): this
}

// `any`: the runtime procedure serves every type the interface can take.
export function createMutationProcedure(def: ProcedureDef): MutationProcedure<any, any, any, any> {
  const procedure = {
    _kind: 'mutation',
    _def: def,
    invalidates: (spec: AnyInvalidatesSpec) => {
      if (!Array.isArray(spec) && typeof spec !== 'function') {
        throw new TypeError('invalidates() needs a list of targets or a function returning one')
      }
      const targets = Array.isArray(spec) ? Object.freeze([...spec]) : spec
      return createMutationProcedure(Object.freeze({ ...def, invalidates: Object.freeze([...def.invalidates, targets]) }))
    },
    invalidatesOnSuccess: (fn: AnyInvalidatesOnSuccessFn) => {
      if (typeof fn !== 'function') {
        throw new TypeError('invalidatesOnSuccess() needs a function of { input, ctx, result } returning targets')
      }
      const invalidatesOnSuccess = Object.freeze([...def.invalidatesOnSuccess, fn])
      return createMutationProcedure(Object.freeze({ ...def, invalidatesOnSuccess }))
    },
  } as Omit<MutationProcedure<any, any, any, any>, '_types'> as MutationProcedure<any, any, any, any>
  return Object.freeze(procedure)
}
