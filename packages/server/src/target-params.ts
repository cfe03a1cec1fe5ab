import type { InputOf } from './schema-types.ts'

// The field schemas of a zod 4 object, by name.
type ZodShape = Readonly<Record<string, { readonly _zod: { readonly input: unknown } }>>

// A zod 4 object schema (classic or mini: both have `shape`, one property away, where the core's
// `_zod.def.shape` is three) with named fields and nothing besides (`$strip` and `$strict`, not
// `.loose()` or `.catchall()`): the case `ShapeInput` reproduces.
interface ZodPlainObject {
  readonly shape: ZodShape
  readonly _zod: { readonly config: { readonly in: Readonly<Record<string, never>> } }
}

// zod's own rule for a field callers may leave out (`.optional()`, `.default()`...).
interface OptionalIn {
  readonly _zod: { readonly optin: 'optional' | 'defaulted' }
}

type OptionalKeys<TShape> = { [K in keyof TShape]-?: TShape[K] extends OptionalIn ? K : never }[keyof TShape]

type RequiredFields<TShape extends ZodShape, TKeys extends keyof TShape> = { -readonly [K in TKeys]: TShape[K]['_zod']['input'] }

type OptionalFields<TShape extends ZodShape, TKeys extends keyof TShape> = { -readonly [K in TKeys]?: TShape[K]['_zod']['input'] }

// The type `z.input` gives the object, built without zod's key remapping (`as` clauses, the
// costly part of it): one plain mapped type when no field is optional (the `infer` spreads the
// check over the fields: cheaper than a helper type), else two.
type ShapeInput<TShape extends ZodShape> = [keyof TShape] extends [never]
  ? Record<string, never>
  : [TShape[keyof TShape] extends infer TField ? (TField extends OptionalIn ? true : never) : never] extends [never]
    ? { -readonly [K in keyof TShape]: TShape[K]['_zod']['input'] }
    : RequiredFields<TShape, Exclude<keyof TShape, OptionalKeys<TShape>>> & OptionalFields<TShape, OptionalKeys<TShape>>

// No input: no params, so a target with some does not compile.
type NoVoid<TInput> = [TInput] extends [void] ? never : TInput

/**
 * The params a target of a context takes: its input type, `never` when it has none. For a zod
 * object, the same type as `z.input` at about a third of the type checker's cost (see
 * bench/type-check): a target is where most contexts' input types are first needed.
 */
export type TargetParams<TIn> = TIn extends ZodPlainObject ? ShapeInput<TIn['shape']> : NoVoid<InputOf<TIn>>
