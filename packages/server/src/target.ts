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

/** A target naming a context: all of it, one instance, or the instances matching fields. */
export type ContextTarget = AnyContextProcedure | ExactTarget | PartialTarget

/**
 * Context targets meant for other users than the one acting (an admin's write, a webhook, a
 * job): made by `forUser(key, targets)` or `forEveryUser(targets)`. Their user-scoped contexts
 * are purged and announced for those users; public ones behave as anywhere else.
 */
export interface AudienceTarget {
  readonly [targetBrand]: true
  readonly kind: 'audience'
  /** The user keys (as `userKey` gives them, as strings), or `every` user. */
  readonly users: 'every' | readonly string[]
  readonly targets: readonly ContextTarget[]
}

/**
 * What a mutation may invalidate: a whole context, one instance, the instances matching fields,
 * or such targets for other users (`forUser`, `forEveryUser`).
 */
export type InvalidationTarget = ContextTarget | AudienceTarget

export type Targets = readonly InvalidationTarget[]

/** What an `invalidates` function is given: what was known before the resolver ran. */
export interface InvalidatesOptions<TCtx, TInput> {
  /** The parsed input the resolver received. */
  readonly input: TInput
  /** The context as the resolver saw it, after middleware. */
  readonly ctx: TCtx
}

/** What an `invalidatesOnSuccess` function is given: the call and what the resolver returned. */
export interface InvalidatesOnSuccessOptions<TCtx, TInput, TData> extends InvalidatesOptions<TCtx, TInput> {
  /** What the resolver returned. */
  readonly result: TData
}

/**
 * The targets given to `invalidates`: a list, or a function of `{ input, ctx }` (a thunk,
 * `() => [cart]`, is one that ignores its argument: called late, it is safe against circular
 * imports). They apply whenever the resolver ran, after a success and after it threw.
 */
export type InvalidatesSpec<TCtx, TInput> = Targets | ((opts: InvalidatesOptions<TCtx, TInput>) => Targets)

/** The targets given to `invalidatesOnSuccess`: they need the result, so they apply after a success only. */
export type InvalidatesOnSuccessFn<TCtx, TInput, TData> = (opts: InvalidatesOnSuccessOptions<TCtx, TInput, TData>) => Targets

// `any`: every spec is stored behind these runtime types.
export type AnyInvalidatesSpec = InvalidatesSpec<any, any>
export type AnyInvalidatesOnSuccessFn = InvalidatesOnSuccessFn<any, any, any>

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

/** The context a target points at, whatever its kind. */
export function targetContext(target: ContextTarget): AnyContextProcedure {
  return 'kind' in target ? target.context : target
}

export function audienceTarget(users: AudienceTarget['users'], targets: readonly ContextTarget[]): AudienceTarget {
  return Object.freeze({ kind: 'audience', users, targets: Object.freeze([...targets]) }) as AudienceTarget
}
