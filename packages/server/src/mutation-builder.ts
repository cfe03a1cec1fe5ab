import type { StandardSchemaV1 } from '@standard-schema/spec'
import { addInput, addMeta, addMiddleware } from './builder-state.ts'
import type { MiddlewareFn, Overwrite } from './middleware.ts'
import { createMutationProcedure } from './mutation-procedure.ts'
import type { MutationProcedure } from './mutation-procedure.ts'
import { captureOrigin } from './procedure.ts'
import type { BuilderState, ProcedureMeta, Resolver } from './procedure.ts'
import type { OutputOf, SchemaGuard } from './schema-types.ts'

/**
 * Builds a mutation, a typed write. Every call returns a new builder, so one base can be shared.
 *
 * @example
 * const renameProject = m.mutation
 *   .input(z.object({ id: z.number(), name: z.string().min(1) }))
 *   .run(({ input }) => db.rename(input.id, input.name))
 *   .invalidates(({ input }) => [project({ id: input.id })])
 */
export interface MutationBuilder<TCtx, TInput, TParsed> {
  // `TInput`: the schema (its input type is read only where used), or `void` before `input()`.
  readonly _def: BuilderState
  /** Validates the input with a Standard Schema (zod, valibot, arktype...). Once per mutation. */
  input<TSchema extends object>(schema: TSchema & SchemaGuard<TSchema>): MutationBuilder<TCtx, TSchema, OutputOf<TSchema>>
  use<TOverride extends object>(
    middleware: MiddlewareFn<TCtx, TParsed, TOverride>,
  ): MutationBuilder<Overwrite<TCtx, TOverride>, TInput, TParsed>
  meta(meta: ProcedureMeta): MutationBuilder<TCtx, TInput, TParsed>
  run<TData>(resolver: Resolver<TCtx, TParsed, TData>): MutationProcedure<TCtx, TInput, TParsed, TData>
}

// `any`: the runtime builder serves every type the interface can take.
export function createMutationBuilder(state: BuilderState): MutationBuilder<any, any, any> {
  const builder: MutationBuilder<any, any, any> = {
    _def: state,
    // A zod schema passes the guard by its `_zod` types; at runtime it is a Standard Schema too.
    input: (schema) => createMutationBuilder(addInput(state, schema as object as StandardSchemaV1)),
    use: (middleware) => createMutationBuilder(addMiddleware(state, middleware)),
    meta: (meta) => createMutationBuilder(addMeta(state, meta)),
    run: (resolver) =>
      createMutationProcedure(
        Object.freeze({ ...state, resolver, invalidates: Object.freeze([]), invalidatesOnSuccess: Object.freeze([]), origin: captureOrigin() }),
      ) as never,
  }
  return Object.freeze(builder)
}
