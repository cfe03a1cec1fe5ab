import type { ProcedureDef } from './procedure.ts'
import { exactTarget, partialTarget } from './target.ts'
import type { ExactTarget, PartialParams, PartialTarget } from './target.ts'
import type { InputOf, SameSides } from './schema-types.ts'
import type {
  MixedFieldParams,
  NoVoid,
  RequiredFieldParams,
  RequiredKeys,
  TargetParams,
  ZodPlainObject,
  ZodRequiredFieldsObject,
  ZodSameSidesKindsObject,
} from './target-params.ts'

/**
 * A context (a typed read). As an invalidation target it stands for all its instances. `TInput`:
 * the input type, or the schema it is read from (only where it is used).
 */
export interface ContextProcedureBase<TInput, TData> {
  readonly _kind: 'context'
  readonly _def: ProcedureDef
  /** Only in the types: what callers send and get. */
  readonly _types: { readonly input: InputOf<TInput>; readonly output: TData }
}

/**
 * A finished context. Calling it targets one instance (`project({ id: 7 })`), `where` targets
 * every instance holding some fields (`tasks.where({ projectId: 7 })`). Both take `never` when
 * the context has no params, so `cart({ id: 1 })` does not compile; the check sits inside the
 * members, so it is only computed where a target is written.
 */
export interface ContextProcedure<TInput, TData> extends ContextProcedureBase<TInput, TData> {
  // A plain parameter rather than a conditional rest tuple, typed as `TargetParams` rather than
  // zod's own input type, and `TargetParams` spelt out rather than named (one alias fewer to
  // instantiate): each costs the type checker a fraction at every context targeted. A zod object
  // of named fields that passes `ZodSameSidesKindsObject` but not `SameSides` (a brand, a
  // coercion...) is rebuilt as required or mixed fields: it is one.
  (
    params: TInput extends ZodSameSidesKindsObject
      ? false extends SameSides<TInput['shape'][keyof TInput['shape']]>
        ? TInput extends ZodRequiredFieldsObject
          ? RequiredFieldParams<TInput['shape']>['params']
          : MixedFieldParams<TInput['shape'], RequiredKeys<TInput['shape']>>['params']
        : TInput['_zod']['output'] & object
      : TInput extends ZodRequiredFieldsObject
        ? RequiredFieldParams<TInput['shape']>['params']
        : TInput extends ZodPlainObject
          ? MixedFieldParams<TInput['shape'], RequiredKeys<TInput['shape']>>['params']
          : NoVoid<InputOf<TInput>>,
  ): ExactTarget
  readonly where: WhereOf<TargetParams<TInput>>
}

type WhereOf<TParams> = [TParams] extends [never] ? never : (params: PartialParams<TParams>) => PartialTarget

/** Kept for readability in signatures: a context that takes params. */
export type ParamContextProcedure<TInput, TData> = ContextProcedure<TInput, TData>

export function createContextProcedure(def: ProcedureDef): ContextProcedureBase<unknown, unknown> {
  if (!def.hasInput) return Object.freeze({ _kind: 'context', _def: def }) as ContextProcedureBase<unknown, unknown>
  const procedure = ((params: unknown) => exactTarget(procedure, params)) as unknown as ContextProcedure<object, unknown>
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
