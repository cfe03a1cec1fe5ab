// Type tests: checked by `tsc -b` inside `npm test`. A target's params are built more cheaply than
// `z.input` (see src/target-params.ts); these hold them to the very type `z.input` gives.
import { describe, expectTypeOf, it } from 'vitest'
import * as v from 'valibot'
import * as z from 'zod'
import * as zm from 'zod/mini'
import { initMizan } from '../src/index.ts'

const m = initMizan.context<{ user: null }>().create()

// One object type however it was built (zod's is flattened, the cheaper one may be an
// intersection), so `toEqualTypeOf` compares the fields and their optionality.
type Flat<T> = T extends object ? { [K in keyof T]: T[K] } : T

function paramsOf<TSchema extends z.ZodType>(schema: TSchema) {
  const context = m.context.input(schema).query(() => 1)
  return {
    exact: null as unknown as Flat<Parameters<typeof context>[0]>,
    where: null as unknown as Parameters<typeof context.where>[0],
  }
}

describe('target params', () => {
  it('are the schema input of a zod object, field by field', () => {
    const required = z.object({ id: z.number(), name: z.string().min(1), at: z.coerce.date(), tags: z.array(z.string()) })
    expectTypeOf(paramsOf(required).exact).toEqualTypeOf<Flat<z.input<typeof required>>>()
    const optional = z.object({ id: z.number().int(), page: z.number().optional(), sort: z.string().default('name'), q: z.string().nullable() })
    expectTypeOf(paramsOf(optional).exact).toEqualTypeOf<Flat<z.input<typeof optional>>>()
    expectTypeOf(paramsOf(optional).exact).toEqualTypeOf<{ id: number; page?: number | undefined; sort?: string | undefined; q: string | null }>()
    const transformed = z.object({ id: z.string().transform(Number), nested: z.object({ a: z.number().optional() }) })
    expectTypeOf(paramsOf(transformed).exact).toEqualTypeOf<Flat<z.input<typeof transformed>>>()
    // Wrappers that pass on the `optin` of what they wrap: required around a required schema,
    // optional around an optional one.
    const wrapped = z.object({
      id: z.string().transform(Number),
      q: z.string().nullable(),
      tags: z.array(z.string()).readonly(),
      n: z.number().catch(0),
      s: z.string().optional().nonoptional(),
    })
    expectTypeOf(paramsOf(wrapped).exact).toEqualTypeOf<Flat<z.input<typeof wrapped>>>()
    const wrappedOptional = z.object({
      id: z.number(),
      q: z.string().optional().nullable(),
      at: z.string().optional().transform((s) => s?.length),
      n: z.number().optional().catch(0),
    })
    expectTypeOf(paramsOf(wrappedOptional).exact).toEqualTypeOf<Flat<z.input<typeof wrappedOptional>>>()
    const allOptional = z.object({ page: z.number().optional() })
    expectTypeOf(paramsOf(allOptional).exact).toEqualTypeOf<Flat<z.input<typeof allOptional>>>()
    const strict = z.strictObject({ id: z.number() })
    expectTypeOf(paramsOf(strict).exact).toEqualTypeOf<Flat<z.input<typeof strict>>>()
  })

  it('are the schema output when every field takes what it gives, the same type', () => {
    const plain = z.object({
      id: z.number().int(),
      name: z.string().min(1),
      tags: z.array(z.string()),
      kind: z.enum(['a', 'b']),
      at: z.date(),
      note: z.string().nullable().optional(),
      nested: z.object({ a: z.number(), b: z.string().optional() }),
      either: z.union([z.string(), z.number()]),
      counts: z.record(z.string(), z.number()),
      flag: z.literal(true),
      anything: z.unknown(),
    })
    expectTypeOf(paramsOf(plain).exact).toEqualTypeOf<Flat<z.input<typeof plain>>>()
    const strict = z.strictObject({ id: z.number(), page: z.number().optional() })
    expectTypeOf(paramsOf(strict).exact).toEqualTypeOf<Flat<z.input<typeof strict>>>()
    expectTypeOf(paramsOf(strict).exact).toEqualTypeOf<{ id: number; page?: number | undefined }>()
  })

  it('are rebuilt when a field of a kind that may take what it gives does not', () => {
    // A brand narrows the output only, coercion takes `unknown`, and an object or an array may
    // hold a transform or a default.
    const branded = z.object({ id: z.number().brand<'Id'>(), page: z.number().optional() })
    expectTypeOf(paramsOf(branded).exact).toEqualTypeOf<Flat<z.input<typeof branded>>>()
    expectTypeOf(paramsOf(branded).exact).toEqualTypeOf<{ id: number; page?: number | undefined }>()
    const coerced = z.object({ n: z.coerce.number(), at: z.coerce.date().optional() })
    expectTypeOf(paramsOf(coerced).exact).toEqualTypeOf<Flat<z.input<typeof coerced>>>()
    const nested = z.object({ inner: z.object({ n: z.string().transform(Number) }), list: z.array(z.string().default('')) })
    expectTypeOf(paramsOf(nested).exact).toEqualTypeOf<Flat<z.input<typeof nested>>>()
  })

  it('are the schema input of a zod mini object too', () => {
    const schema = zm.object({ id: zm.number(), page: zm.optional(zm.number()) })
    const context = m.context.input(schema).query(() => 1)
    expectTypeOf<Flat<Parameters<typeof context>[0]>>().toEqualTypeOf<Flat<zm.input<typeof schema>>>()
  })

  it('are zod’s own input for what the cheaper type does not cover', () => {
    const empty = z.object({})
    expectTypeOf(paramsOf(empty).exact).toEqualTypeOf<Flat<z.input<typeof empty>>>()
    const loose = z.looseObject({ id: z.number() })
    expectTypeOf(paramsOf(loose).exact).toEqualTypeOf<Flat<z.input<typeof loose>>>()
    const catchall = z.object({ id: z.number() }).catchall(z.string())
    expectTypeOf(paramsOf(catchall).exact).toEqualTypeOf<Flat<z.input<typeof catchall>>>()
    const union = z.union([z.object({ id: z.number() }), z.object({ slug: z.string() })])
    expectTypeOf(paramsOf(union).exact).toEqualTypeOf<Flat<z.input<typeof union>>>()
    expectTypeOf(paramsOf(z.string()).exact).toEqualTypeOf<string>()
  })

  it('let `where` take any subset of the fields', () => {
    const schema = z.object({ id: z.number(), page: z.number().optional() })
    expectTypeOf(paramsOf(schema).where).toEqualTypeOf<Partial<z.input<typeof schema>>>()
  })

  it('are the Standard Schema input for other validators', () => {
    const context = m.context.input(v.object({ id: v.number(), page: v.optional(v.number()) })).query(() => 1)
    expectTypeOf<Parameters<typeof context>[0]>().toEqualTypeOf<{ id: number; page?: number | undefined }>()
  })
})
