import type { InputOf, OptionalIn, SameSides } from './schema-types.ts'

// A zod 4 schema, read for its input type only.
interface ZodField {
  readonly _zod: { readonly input: unknown }
}

// zod's `in` config of an object that takes its named fields and nothing besides (`$strip` and
// `$strict`, not `.loose()` or `.catchall()`): the objects whose input the types below rebuild.
interface NamedFieldsOnly {
  readonly _zod: { readonly config: { readonly in: Readonly<Record<string, never>> } }
}

// The kinds of zod schema (`_zod.def.type`) never optional in an object's input: zod gives the
// others (optional, default, nullable, pipe, union...) an `optin` of their own, which may make
// them optional or pass on that of the schema they wrap.
type RequiredKind =
  | 'string' | 'number' | 'int' | 'boolean' | 'bigint' | 'symbol' | 'null' | 'undefined' | 'void'
  | 'never' | 'any' | 'unknown' | 'date' | 'object' | 'record' | 'file' | 'array' | 'tuple' | 'map'
  | 'set' | 'enum' | 'literal' | 'nan' | 'template_literal' | 'function' | 'promise' | 'custom'
  | 'transform' | 'nonoptional'

// A field callers must send: of a required kind, or wrapping one in a schema that passes its
// `optin` on (`.nullable()`, `.readonly()`, `.catch()`, and a pipe, `.transform()`, by its input).
interface RequiredField {
  readonly _zod: {
    readonly def:
      | { readonly type: RequiredKind }
      | { readonly type: 'nullable' | 'readonly' | 'catch'; readonly innerType: RequiredField }
      | { readonly type: 'pipe'; readonly in: RequiredField }
  }
}

/**
 * A zod object whose every field must be sent, the common case. Telling it takes no conditional
 * type per field: each field is checked by a relation, which TypeScript caches per field schema
 * type (`ZodNumber`...) for the whole program.
 */
export interface ZodRequiredFieldsObject extends NamedFieldsOnly {
  readonly shape: Readonly<Record<string, RequiredField>>
}

// The kinds of zod schema whose input type may be their output type (not a transform, a pipe, a
// default, a catch, a function...), alone or wrapped. Telling them is a relation, cached per field
// schema type, so an object of other fields skips the costlier check of `SameSides`.
type SameSidesKind =
  | 'string' | 'number' | 'int' | 'boolean' | 'bigint' | 'symbol' | 'null' | 'undefined' | 'void'
  | 'never' | 'any' | 'unknown' | 'date' | 'object' | 'record' | 'file' | 'array' | 'tuple' | 'map'
  | 'set' | 'enum' | 'literal' | 'nan' | 'template_literal' | 'custom' | 'nonoptional' | 'union'
  | 'intersection'

interface SameSidesKindField {
  readonly _zod: {
    readonly def:
      | { readonly type: SameSidesKind }
      | { readonly type: 'optional' | 'nullable' | 'readonly'; readonly innerType: SameSidesKindField }
  }
}

/** A zod object of named fields that may each take what they give (the empty one too). */
export interface ZodSameSidesKindsObject {
  readonly _zod: NamedFieldsOnly['_zod'] & { readonly output: unknown }
  readonly shape: Readonly<Record<string, SameSidesKindField>>
}

/** Any zod object of named fields. */
export interface ZodPlainObject extends NamedFieldsOnly {
  readonly shape: Readonly<Record<string, ZodField>>
}

// One field's input: a conditional type, so TypeScript computes it once per field schema type.
type FieldInput<TField> = TField extends ZodField ? TField['_zod']['input'] : never

/**
 * The params of a zod object whose fields are all required: one mapped type, its property types
 * computed only for the params a target writes. An interface property rather than a type alias,
 * which would instantiate its argument twice.
 */
export interface RequiredFieldParams<TShape> {
  params: { -readonly [K in keyof TShape]: FieldInput<TShape[K]> }
}

/** The names of the fields callers must send, by zod's rule, one field at a time. */
export type RequiredKeys<TShape, K extends keyof TShape = keyof TShape> = K extends unknown
  ? TShape[K] extends OptionalIn
    ? never
    : K
  : never

/**
 * Any other zod object with named fields: those callers must send, and the others, optional (one
 * mapped type each, so that no field's input type is computed twice, nor any for a param left
 * out of a target).
 */
export interface MixedFieldParams<TShape, TRequired extends keyof TShape> {
  params: { -readonly [K in TRequired]: FieldInput<TShape[K]> } & {
    -readonly [K in Exclude<keyof TShape, TRequired>]?: FieldInput<TShape[K]>
  }
}

/** No input: no params, so a target with some does not compile. */
export type NoVoid<TInput> = [TInput] extends [void] ? never : TInput

// The params of a context whose fields do not all take what they give: rebuilt from its schema
// for a zod object of named fields, else the schema's input type (`never` for none).
type RebuiltTargetParams<TIn> = TIn extends ZodRequiredFieldsObject
  ? RequiredFieldParams<TIn['shape']>['params']
  : TIn extends ZodPlainObject
    ? MixedFieldParams<TIn['shape'], RequiredKeys<TIn['shape']>>['params']
    : NoVoid<InputOf<TIn>>

/**
 * The params a target of a context takes: its input type, `never` when it has none. For a zod
 * object, the same type as `z.input` (field for field, see test/target-params.test-d.ts) at a
 * fraction of the type checker's cost (see bench/type-check): a target is where most contexts'
 * input types are first needed.
 *
 * When every field takes what it gives, that is the schema's output type, which the type checker
 * has already built where the context was defined, its required fields included (inferring the
 * resolver's types; a resolver that takes no argument leaves them to zod's types here, at several
 * times the cost). `& object` keeps a missing param reported as a wrong argument (TS2345, see
 * test/wrong-targets.test.ts), not as a missing property (TS2741). Otherwise the params are
 * rebuilt from the schema. `ContextProcedure`'s call signature spells the same conditional out,
 * which saves instantiating these aliases at every context targeted.
 */
export type TargetParams<TIn> = TIn extends ZodSameSidesKindsObject
  ? false extends SameSides<TIn['shape'][keyof TIn['shape']]>
    ? RebuiltTargetParams<TIn>
    : TIn['_zod']['output'] & object
  : RebuiltTargetParams<TIn>
