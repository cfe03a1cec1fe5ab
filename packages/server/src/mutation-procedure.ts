import type { ProcedureDef } from './procedure.ts'
import type { AnyInvalidatesSpec, InvalidatesSpec } from './target.ts'

/** A finished mutation (a typed write) and the contexts it declares it invalidates. */
export interface MutationProcedure<TCtx, TInput, TParsed, TData> {
  readonly _kind: 'mutation'
  readonly _def: ProcedureDef
  /** Only in the types: what callers send and get. */
  readonly _types: { readonly input: TInput; readonly output: TData }
  /**
   * Declares what this write changes, returning a new mutation (this one is left as it was).
   * Called again, it adds targets. Targets are typed: a misspelt context, wrong params, or params
   * for a context that takes none do not compile.
   *
   * @example
   * .invalidates(({ input, result }) => [projects, project({ id: input.id }), tasks.where({ projectId: result.projectId })])
   */
  invalidates(spec: InvalidatesSpec<TCtx, TParsed, TData>): MutationProcedure<TCtx, TInput, TParsed, TData>
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
  } as Omit<MutationProcedure<any, any, any, any>, '_types'> as MutationProcedure<any, any, any, any>
  return Object.freeze(procedure)
}
