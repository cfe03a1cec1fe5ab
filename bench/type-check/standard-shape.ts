import type { Framework } from './generate-router.ts'
import { mizanSubRouter, readOutput, writeOutput } from './mizan-sub-router.ts'

/**
 * The `standard` shape's schema helper, at the top of every framework's init.ts (the same text, so
 * the validator's cost is equal and small): Standard Schema v1 written by hand, as a validator
 * library declares it, and object schemas whose type is written by hand and checked by a function.
 */
export const standardSchemaSource = [
  `export interface StandardSchemaV1<Input = unknown, Output = Input> {`,
  `  readonly '~standard': {`,
  `    readonly version: 1`,
  `    readonly vendor: string`,
  `    readonly validate: (value: unknown) => StandardResult<Output>`,
  `    readonly types?: { readonly input: Input; readonly output: Output } | undefined`,
  `  }`,
  `}`,
  `export type StandardResult<Output> = { readonly value: Output; readonly issues?: undefined } | { readonly issues: readonly { readonly message: string }[] }`,
  `export type InferOutput<S extends StandardSchemaV1> = NonNullable<S['~standard']['types']>['output']`,
  `type Fields = { readonly [key: string]: unknown }`,
  '',
  `export function objectSchema<T>(check: (value: Fields) => boolean): StandardSchemaV1<T> {`,
  `  return {`,
  `    '~standard': {`,
  `      version: 1,`,
  `      vendor: 'bench',`,
  `      validate: (value) =>`,
  `        typeof value === 'object' && value !== null && check(value as Fields) ? { value: value as T } : { issues: [{ message: 'Invalid input' }] },`,
  `    },`,
  `  }`,
  `}`,
  '',
].join('\n')

// Four read inputs in turn (the idiomatic shape's, written as types with their checks), each with
// the params a write gives its target and the input the client sends.
const isNumber = (field: string) => `typeof v['${field}'] === 'number'`
const isString = (field: string) => `typeof v['${field}'] === 'string'`
const optional = (field: string, check: (field: string) => string) => `(v['${field}'] === undefined || ${check(field)})`
const reads = [
  { type: '{ id: number }', check: isNumber('id'), params: '{ id: input.id }', call: (p: number) => `{ id: ${p} }` },
  {
    type: '{ projectId: number; page?: number }',
    check: `${isNumber('projectId')} && ${optional('page', isNumber)}`,
    params: '{ projectId: input.id }',
    call: (p: number) => `{ projectId: ${p} }`,
  },
  {
    type: '{ query: string; limit?: number; archived?: boolean }',
    check: `${isString('query')} && ${optional('limit', isNumber)} && ${optional('archived', (f) => `typeof v['${f}'] === 'boolean'`)}`,
    params: '{ query: input.name }',
    call: (p: number) => `{ query: 'q${p}' }`,
  },
  {
    type: '{ id: string; tags?: string[] }',
    check: `${isString('id')} && ${optional('tags', (f) => `Array.isArray(v['${f}'])`)}`,
    params: '{ id: String(input.id) }',
    call: (p: number) => `{ id: '${p}' }`,
  },
] as const
const write = { type: '{ id: number; name: string; note?: string }', check: `${isNumber('id')} && ${isString('name')} && ${optional('note', isString)}` }
const readOf = (p: number) => reads[(p / 2) % reads.length]!

// Every procedure's schema, the same lines for every framework.
function schemaLines(count: number): string[] {
  return Array.from({ length: count }, (_, p) => {
    const { type, check } = p % 2 === 0 ? readOf(p) : write
    return `const s${p} = objectSchema<${type}>((v) => ${check})`
  })
}

/** The `standard` shape's sub-routers: the idiomatic layout, each input a hand-written Standard Schema. */
export const standardSubRouterSource: Record<Framework, (count: number) => string> = {
  mizan: (count) =>
    mizanSubRouter(count, {
      header: [`import { m, objectSchema } from './init.ts'`, '', ...schemaLines(count)],
      input: (p) => `s${p}`,
      params: (p) => readOf(p - 1).params,
    }),
  trpc: (count) => {
    const lines = [`import { objectSchema, t } from './init.ts'`, '', ...schemaLines(count), '', 'export const router = t.router({']
    for (let p = 0; p < count; p++) {
      if (p % 2 === 0) lines.push(`  c${p}: t.procedure.input(s${p}).query(({ input }) => ${readOutput(p)}),`)
      else lines.push(`  m${p}: t.procedure`, `    .input(s${p})`, `    .mutation(({ input }) => ${writeOutput(p)}),`)
    }
    return [...lines, '})', ''].join('\n')
  },
  // The same schemas, each typing its handler's input.
  none: (count) => {
    const lines = [`import { objectSchema } from './init.ts'`, `import type { Ctx, InferOutput } from './init.ts'`, '', ...schemaLines(count), '', 'export const router = {']
    for (let p = 0; p < count; p++) {
      const output = p % 2 === 0 ? readOutput(p) : writeOutput(p)
      lines.push(`  ${p % 2 === 0 ? 'c' : 'm'}${p}: (input: InferOutput<typeof s${p}>, _ctx: Ctx) => ${output},`)
    }
    return [...lines, '}', ''].join('\n')
  },
}

/** How a client file calls one procedure of a sub-router with an input. */
export type CallProcedure = (router: string, procedure: string, kind: 'read' | 'write', input: string) => string

/**
 * One function per sub-router calling every one of its procedures, each read's output and each
 * write's input typed through the client's inferred types, each write sent its read's fields.
 */
export function everyCall(routers: readonly { readonly name: string; readonly count: number }[], call: CallProcedure): string[] {
  const lines: string[] = []
  for (const { name, count } of routers) {
    const results: string[] = []
    lines.push(`export async function call${name[0]!.toUpperCase()}${name.slice(1)}() {`)
    for (let p = 0; p < count; p++) {
      if (p % 2 === 0) {
        lines.push(`  const c${p}: Outputs['${name}']['c${p}'] = await ${call(name, `c${p}`, 'read', readOf(p).call(p))}`)
        // A last read with no write after it is read here.
        if (p === count - 1) results.push(`c${p}.count`)
      } else {
        lines.push(
          `  const m${p}Input: Inputs['${name}']['m${p}'] = { id: c${p - 1}.id, name: c${p - 1}.name }`,
          `  const m${p} = await ${call(name, `m${p}`, 'write', `m${p}Input`)}`,
          `  const version${p}: number = m${p}.version`,
        )
        results.push(`version${p}`)
      }
    }
    lines.push(`  return [${results.join(', ')}]`, '}', '')
  }
  return lines
}
