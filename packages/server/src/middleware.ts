import type { ProcedureKind, ResolverOptions } from './procedure.ts'

/** The answer of `next()`: a middleware returns it, possibly after looking at it. */
export class MiddlewareResult<TOverride> {
  /** Only in the types: carries the context fields a middleware adds or narrows. */
  declare readonly _override: TOverride
  readonly data: unknown
  constructor(data: unknown) {
    this.data = data
  }
}

export interface NextFn {
  (): Promise<MiddlewareResult<object>>
  /** Continues with these context fields set over the current ones, in the types too. */
  <TOverride extends object>(opts: { ctx: TOverride }): Promise<MiddlewareResult<TOverride>>
}

export interface MiddlewareOptions<TCtx, TInput> extends ResolverOptions<TCtx, TInput> {
  readonly type: ProcedureKind
  readonly next: NextFn
}

/**
 * A link of the chain before a resolver: it may refuse the call by throwing, or call `next`,
 * optionally with context fields that replace the current ones for everything after it.
 *
 * @example
 * const authed = m.middleware(({ ctx, next }) => {
 *   if (!ctx.user) throw new MizanError({ code: 'UNAUTHORIZED' })
 *   return next({ ctx: { user: ctx.user } }) // ctx.user is non-null from here on
 * })
 */
export type MiddlewareFn<TCtx, TInput, TOverride> = (
  opts: MiddlewareOptions<TCtx, TInput>,
) => Promise<MiddlewareResult<TOverride>>

// `any`: every middleware is stored behind this one runtime type.
export type AnyMiddlewareFn = MiddlewareFn<any, any, any>

/** The context after a middleware: its fields replace those of the same name. */
export type Overwrite<TCtx, TOverride> = [keyof TOverride] extends [never]
  ? TCtx
  : Omit<TCtx, keyof TOverride> & TOverride
