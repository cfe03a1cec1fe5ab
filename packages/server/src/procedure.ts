import type { StandardSchemaV1 } from '@standard-schema/spec'
import type { AnyMiddlewareFn } from './middleware.ts'
import type { AnyInvalidatesOnSuccessFn, AnyInvalidatesSpec } from './target.ts'

export type ProcedureKind = 'context' | 'mutation'

/**
 * Who may share a context's cached result: `user` keeps one result per user (the safe default),
 * `public` one for everyone.
 */
export type ContextScope = 'user' | 'public'

/** How a context's results are cached on the server, set by `.cache()`. */
export interface CachePolicy {
  /** How long an entry stays fresh; the store's default when undefined. */
  readonly ttlMs: number | undefined
}

/** Free-form facts about a procedure, readable by middleware (e.g. `{ rateLimit: 10 }`). */
export type ProcedureMeta = Readonly<Record<string, unknown>>

/** One link of a procedure's chain, run in the order the builder calls declared them. */
export type Step =
  | { readonly kind: 'middleware'; readonly fn: AnyMiddlewareFn }
  | { readonly kind: 'input'; readonly schema: StandardSchemaV1 }

/** What a builder has gathered so far. Frozen: every builder call makes a new one. */
export interface BuilderState {
  readonly kind: ProcedureKind
  readonly steps: readonly Step[]
  readonly hasInput: boolean
  readonly scope: ContextScope
  /** Set by a context's `.cache()`: its results may be served from the router's result cache. */
  readonly cache: CachePolicy | undefined
  readonly meta: ProcedureMeta
}

/** The runtime definition of a finished procedure. Frozen and never shared with another one. */
export interface ProcedureDef extends BuilderState {
  readonly resolver: AnyResolver
  /** Targets that apply whenever the resolver ran (after a success, and after it threw). */
  readonly invalidates: readonly AnyInvalidatesSpec[]
  /** Targets computed from the result: they apply after a success only. */
  readonly invalidatesOnSuccess: readonly AnyInvalidatesOnSuccessFn[]
  /** Captured where the procedure was defined, to name it in errors before it has a path. */
  readonly origin: Error
}

export interface ResolverOptions<TCtx, TInput> {
  readonly ctx: TCtx
  readonly input: TInput
  /** The dotted path the procedure was called by (`shop.cart`). */
  readonly path: string
  readonly meta: ProcedureMeta
  readonly signal: AbortSignal | undefined
}

export type MaybePromise<T> = T | Promise<T>

export type Resolver<TCtx, TInput, TData> = (opts: ResolverOptions<TCtx, TInput>) => MaybePromise<TData>

// `any`: every resolver is stored behind this one runtime type.
export type AnyResolver = (opts: ResolverOptions<any, any>) => unknown

/**
 * What every procedure has, whatever its types: used to constrain router records. It leaves out
 * `_types`, so checking a record never computes a procedure's input type.
 */
export interface AnyProcedure {
  readonly _kind: ProcedureKind
  readonly _def: ProcedureDef
}

export function freezeState(state: BuilderState): BuilderState {
  return Object.freeze({ ...state, steps: Object.freeze([...state.steps]), meta: Object.freeze({ ...state.meta }) })
}

/** Captures the definition site now; it is formatted only if an error needs it. */
export function captureOrigin(): Error {
  return new Error('procedure defined here')
}
