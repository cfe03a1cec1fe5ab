import type { StandardSchemaV1 } from '@standard-schema/spec'
import { createContextProcedure } from './context-procedure.ts'
import type { ContextProcedure } from './context-procedure.ts'
import type { MiddlewareFn, Overwrite } from './middleware.ts'
import { captureOrigin, freezeState } from './procedure.ts'
import type { BuilderState, ContextScope, ProcedureMeta, Resolver } from './procedure.ts'
import type { OutputOf, SchemaGuard } from './schema-types.ts'
import { addInput, addMeta, addMiddleware } from './builder-state.ts'
import { assertTtl } from './cache/memory-cache.ts'

/**
 * Builds a context, a typed read. Every call returns a new builder, so one base can be shared.
 *
 * @example
 * const project = m.context.input(z.object({ id: z.number() })).query(({ input }) => db.project(input.id))
 */
export interface ContextBuilder<TCtx, TInput, TParsed> {
  // `TInput`: the schema (its input type is read only where used), or `void` before `input()`.
  readonly _def: BuilderState
  /** Validates the params with a Standard Schema (zod, valibot, arktype...). Once per context. */
  input<TSchema extends object>(schema: TSchema & SchemaGuard<TSchema>): ContextBuilder<TCtx, TSchema, OutputOf<TSchema>>
  use<TOverride extends object>(
    middleware: MiddlewareFn<TCtx, TParsed, TOverride>,
  ): ContextBuilder<Overwrite<TCtx, TOverride>, TInput, TParsed>
  /** `user` (default): one cached result per user; `public`: one for everyone. */
  scope(scope: ContextScope): ContextBuilder<TCtx, TInput, TParsed>
  /**
   * Serves the context's results from the router's result cache (`create({ cache })`) while
   * fresh, one entry per (params, scope): per user for `user` scope (anonymous reads are not
   * cached), one for everyone for `public`. Writes purge it through their directives. Middleware
   * and validation still run on every read; only the resolver is skipped. `ttlMs`: the store's
   * default when left out.
   *
   * @example m.context.input(z.object({ id: z.number() })).scope('public').cache({ ttlMs: 30_000 }).query(...)
   */
  cache(options?: { readonly ttlMs?: number }): ContextBuilder<TCtx, TInput, TParsed>
  meta(meta: ProcedureMeta): ContextBuilder<TCtx, TInput, TParsed>
  query<TData>(resolver: Resolver<TCtx, TParsed, TData>): ContextProcedure<TInput, TData>
}

// `any`: the runtime builder serves every type the interface can take.
export function createContextBuilder(state: BuilderState): ContextBuilder<any, any, any> {
  const builder: ContextBuilder<any, any, any> = {
    _def: state,
    // A zod schema passes the guard by its `_zod` types; at runtime it is a Standard Schema too.
    input: (schema) => createContextBuilder(addInput(state, schema as object as StandardSchemaV1)),
    use: (middleware) => createContextBuilder(addMiddleware(state, middleware)),
    scope: (scope) => createContextBuilder(freezeState({ ...state, scope })),
    cache: (options = {}) => {
      if (options.ttlMs !== undefined) assertTtl(options.ttlMs, 'cache(): ttlMs')
      return createContextBuilder(freezeState({ ...state, cache: Object.freeze({ ttlMs: options.ttlMs }) }))
    },
    meta: (meta) => createContextBuilder(addMeta(state, meta)),
    query: (resolver) =>
      createContextProcedure(
        Object.freeze({ ...state, resolver, invalidates: Object.freeze([]), invalidatesOnSuccess: Object.freeze([]), origin: captureOrigin() }),
      ) as never,
  }
  return Object.freeze(builder)
}
