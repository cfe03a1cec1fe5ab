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

/** zod's own rule for a field callers may leave out (`.optional()`, `.default()`...). */
export interface OptionalIn {
  readonly _zod: { readonly optin: 'optional' | 'defaulted' }
}

// And for one the resolver may receive without.
interface OptionalOut {
  readonly _zod: { readonly optout: 'optional' }
}

// Identity, not mutual assignability: `any` is assignable both ways to anything, and a brand
// (`.brand()`) narrows the output type only.
type Identical<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false

// One zod field: a conditional type, so TypeScript computes it once per field schema type.
type SameSide<TField> = TField extends ZodTypes
  ? Identical<
      [TField['_zod']['input'], TField extends OptionalIn ? 1 : 0],
      [TField['_zod']['output'], TField extends OptionalOut ? 1 : 0]
    >
  : false

/**
 * Whether zod fields take what they give: the same input type as output type, optional on both
 * sides or on neither. For a union of field schemas, `true` when each does, else `boolean` or
 * `false` (`never` for none). Computed once per union of field schema types (`ZodNumber |
 * ZodString`...), which schemas of the same field types share.
 */
export type SameSides<TFields> = TFields extends unknown ? SameSide<TFields> : never
