import type { ProcedureDef } from './procedure.ts'
import { exactTarget, partialTarget } from './target.ts'
import type { ExactTarget, PartialParams, PartialTarget } from './target.ts'

/** A context (a typed read). As an invalidation target it stands for all its instances. */
export interface ContextProcedureBase<TInput, TData> {
  readonly _kind: 'context'
  readonly _def: ProcedureDef
  /** Only in the types: what callers send and get. */
  readonly _types: { readonly input: TInput; readonly output: TData }
}

/** A context that takes params: callable and `where`-able to target some of its instances. */
export interface ParamContextProcedure<TInput, TData> extends ContextProcedureBase<TInput, TData> {
  /** Targets the one instance with these params: `project({ id: 7 })`. */
  (params: TInput): ExactTarget
  /** Targets every instance whose params hold these fields: `tasks.where({ projectId: 7 })`. */
  where(params: PartialParams<TInput>): PartialTarget
}

/**
 * A finished context. Only contexts with params can be called or narrowed with `where`, so
 * `cart({ id: 1 })` does not compile when `cart` takes none.
 */
export type ContextProcedure<TInput, TData> = [TInput] extends [void]
  ? ContextProcedureBase<TInput, TData>
  : ParamContextProcedure<TInput, TData>

export function createContextProcedure(def: ProcedureDef): ContextProcedureBase<unknown, unknown> {
  if (!def.hasInput) return Object.freeze({ _kind: 'context', _def: def }) as ContextProcedureBase<unknown, unknown>
  const procedure = ((params: unknown) => exactTarget(procedure, params)) as ParamContextProcedure<unknown, unknown>
  Object.defineProperties(procedure, {
    _kind: { value: 'context', enumerable: true },
    _def: { value: def, enumerable: true },
    where: {
      value: (params: Readonly<Record<string, unknown>>) => partialTarget(procedure, params),
      enumerable: true,
    },
  })
  return Object.freeze(procedure)
}
