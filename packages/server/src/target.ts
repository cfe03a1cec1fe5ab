import type { ProcedureDef } from './procedure.ts'

declare const targetBrand: unique symbol

/** Any context procedure: as a target, it stands for every instance of that context. */
export interface AnyContextProcedure {
  readonly _kind: 'context'
  readonly _def: ProcedureDef
}

/** One instance of a context: made by calling it, `project({ id: 7 })`. */
export interface ExactTarget {
  readonly [targetBrand]: true
  readonly kind: 'exact'
  readonly context: AnyContextProcedure
  readonly params: unknown
}

/** Every instance whose params hold these fields: made by `project.where({ ownerId: 3 })`. */
export interface PartialTarget {
  readonly [targetBrand]: true
  readonly kind: 'partial'
  readonly context: AnyContextProcedure
  readonly params: Readonly<Record<string, unknown>>
}

/** What a mutation may invalidate: a whole context, one instance, or the instances matching fields. */
export type InvalidationTarget = AnyContextProcedure | ExactTarget | PartialTarget

export type Targets = readonly InvalidationTarget[]

export interface InvalidatesOptions<TCtx, TInput, TData> {
  /** The parsed input the resolver received. */
  readonly input: TInput
  /** What the resolver returned. */
  readonly result: TData
  /** The context as the resolver saw it, after middleware. */
  readonly ctx: TCtx
}

/**
 * The targets of a mutation: a list, a thunk returning a list (safe against circular imports),
 * or a function of the call. Lists and thunks are static: checked when the router starts and
 * applied even when the resolver fails. Functions taking the call run after a success only.
 */
export type InvalidatesSpec<TCtx, TInput, TData> =
  | Targets
  | (() => Targets)
  | ((opts: InvalidatesOptions<TCtx, TInput, TData>) => Targets)

// `any`: every spec is stored behind this one runtime type.
export type AnyInvalidatesSpec = InvalidatesSpec<any, any, any>

/** Params accepted by `where`: any subset of the top-level fields of an object input. */
export type PartialParams<TInput> = TInput extends object ? Partial<TInput> : never

export function exactTarget(context: AnyContextProcedure, params: unknown): ExactTarget {
  return Object.freeze({ kind: 'exact', context, params }) as ExactTarget
}

export function partialTarget(
  context: AnyContextProcedure,
  params: Readonly<Record<string, unknown>>,
): PartialTarget {
  return Object.freeze({ kind: 'partial', context, params }) as PartialTarget
}

export function isStaticSpec(spec: AnyInvalidatesSpec): spec is Targets | (() => Targets) {
  // A function declaring no parameter cannot depend on the call: it is a thunk.
  return typeof spec !== 'function' || spec.length === 0
}

/** The context a target points at, whatever its kind. */
export function targetContext(target: InvalidationTarget): AnyContextProcedure {
  return 'kind' in target ? target.context : target
}
