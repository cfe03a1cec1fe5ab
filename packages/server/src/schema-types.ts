import type { StandardSchemaV1 } from '@standard-schema/spec'

/**
 * zod 4 keeps a schema's types on `_zod` (what `z.input` and `z.output` read). Reading them there
 * skips `~standard`, whose type makes zod compute the input and the output types of the schema
 * at once: about 100 type instantiations more per schema (see bench/type-check).
 */
interface ZodTypes {
  readonly _zod: { readonly input: unknown; readonly output: unknown }
}

/**
 * What `.input()` accepts, checked without touching `~standard` for zod schemas: any Standard
 * Schema (zod, valibot, arktype...). Intersected with the schema's own type at the parameter.
 */
export type SchemaGuard<TSchema> = TSchema extends ZodTypes ? unknown : StandardSchemaV1

/**
 * The input type callers send. `TIn` is a schema (read lazily, only where the input type is
 * used: a call, a target) or already an input type (`void` when there is no schema).
 */
export type InputOf<TIn> = TIn extends ZodTypes
  ? TIn['_zod']['input']
  : TIn extends StandardSchemaV1
    ? StandardSchemaV1.InferInput<TIn>
    : TIn

/** The parsed type the resolver receives from a schema. */
export type OutputOf<TSchema> = TSchema extends ZodTypes
  ? TSchema['_zod']['output']
  : TSchema extends StandardSchemaV1
    ? StandardSchemaV1.InferOutput<TSchema>
    : never
