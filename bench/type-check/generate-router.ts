import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { everyCall, standardSchemaSource, standardSubRouterSource } from './standard-shape.ts'
import type { CallProcedure } from './standard-shape.ts'
import { mizanSubRouter, readOutput, writeOutput } from './mizan-sub-router.ts'

export type Framework = 'mizan' | 'trpc' | 'none'

/**
 * `repository`: this repository's own style (every procedure a named export, identical 3-field
 * and 2-field inputs). `idiomatic`: an app as the frameworks' docs write one (procedures inline in
 * `router({...})`, varied zod inputs with `.int()`/`.optional()`, five-field outputs). `standard`:
 * the idiomatic layout with no zod, every input a hand-written Standard Schema (an object schema
 * whose type is written by hand, from a small helper in init.ts, the same for every framework),
 * and a client calling every procedure, not 20.
 */
export type Shape = 'repository' | 'idiomatic' | 'standard'

export interface GeneratedRouterOptions {
  /** Where the project is written (inside the repository, so packages resolve). */
  readonly dir: string
  /** Total procedures: half reads with a 3-field input, half writes with a 2-field input. */
  readonly procedures: number
  /** Sub-routers the procedures are spread over. */
  readonly subRouters: number
  /** `none`: the same schemas and handlers with no framework, to show each framework's own cost. */
  readonly framework?: Framework
  /**
   * Where Mizan's types come from: `dist` (default), the built declaration files a user installs,
   * as tRPC is read from its published ones (needs `npm run build` first); `source`, the
   * TypeScript source through the workspace's source condition (the test, with no build step).
   */
  readonly mizanFrom?: 'dist' | 'source'
  /** `repository` by default. */
  readonly shape?: Shape
  /**
   * Mizan only: `false` leaves out every `.invalidates(...)`, so the difference from the same
   * router with them is what the targets cost (true by default).
   */
  readonly invalidates?: boolean
}

const readInput = 'z.object({ id: z.number(), name: z.string(), active: z.boolean() })'
const writeInput = 'z.object({ id: z.number(), name: z.string() })'

/**
 * Writes a router of the given size, plus a client file that calls 20 of its procedures (every one
 * in the `standard` shape) and reads their inferred types the way an app would, and a tsconfig to
 * check both.
 */
export function generateRouterProject(options: GeneratedRouterOptions): void {
  const { dir, procedures, subRouters } = options
  const framework = options.framework ?? 'mizan'
  const shape = options.shape ?? 'repository'
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const perRouter = Math.ceil(procedures / subRouters)
  const routers: { name: string; count: number }[] = []
  let written = 0
  for (let r = 0; r < subRouters && written < procedures; r++) {
    const count = Math.min(perRouter, procedures - written)
    const source = subRouterSources[shape][framework](count)
    writeFileSync(join(dir, `router${r}.ts`), options.invalidates === false ? withoutInvalidates(source) : source)
    routers.push({ name: `router${r}`, count })
    written += count
  }
  const routerNames = routers.map((router) => router.name)
  writeFileSync(join(dir, 'app-router.ts'), appRouterSource(framework, routerNames))
  const { header, call } = clients[framework]
  const body = shape === 'standard' ? everyCall(routers, call) : calls(routerNames, shape === 'idiomatic' ? idiomaticCalls : repositoryCalls, call)
  writeFileSync(join(dir, 'client.ts'), [...header, ...body].join('\n'))
  writeFileSync(join(dir, 'init.ts'), shape === 'standard' ? `${initSource[framework]}\n${standardSchemaSource}` : initSource[framework])
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify(
      {
        extends: '../../../tsconfig.base.json',
        compilerOptions: {
          composite: false,
          declaration: false,
          emitDeclarationOnly: false,
          noEmit: true,
          incremental: false,
          ...(options.mizanFrom === 'source' ? {} : { customConditions: [] }),
        },
        include: ['*.ts'],
      },
      null,
      2,
    ),
  )
}

// Each generated `.invalidates(...)` call is one line of its own.
function withoutInvalidates(source: string): string {
  return source.replace(/\n\s*\.invalidates\(.*\)(,?)$/gm, '$1')
}

const initSource: Record<Framework, string> = {
  mizan: `import { initMizan } from '@mizan/server'\n\nexport const m = initMizan.context<{ user: { id: number } | null }>().create()\n`,
  trpc: `import { initTRPC } from '@trpc/server'\n\nexport const t = initTRPC.context<{ user: { id: number } | null }>().create()\n`,
  none: `export interface Ctx {\n  readonly user: { readonly id: number } | null\n}\n`,
}

const subRouterSource: Record<Framework, (count: number) => string> = {
  mizan: (count) =>
    procedureLines(count, `import { m } from './init.ts'`, (p) =>
      p % 2 === 0
        ? [`export const c${p} = m.context`, `  .input(${readInput})`, `  .query(({ input }) => ({ id: input.id, label: input.name + '${p}', active: input.active }))`]
        : [
            `export const m${p} = m.mutation`,
            `  .input(${writeInput})`,
            `  .run(({ input }) => ({ saved: input.id, at: ${p} }))`,
            `  .invalidates(({ input }) => [c${p - 1}({ id: input.id, name: input.name, active: true })])`,
          ],
    ).concat(`export const router = m.router({ ${names(count).join(', ')} })\n`).join('\n'),
  trpc: (count) =>
    procedureLines(count, `import { t } from './init.ts'`, (p) =>
      p % 2 === 0
        ? [`export const c${p} = t.procedure`, `  .input(${readInput})`, `  .query(({ input }) => ({ id: input.id, label: input.name + '${p}', active: input.active }))`]
        : [`export const m${p} = t.procedure`, `  .input(${writeInput})`, `  .mutation(({ input }) => ({ saved: input.id, at: ${p} }))`],
    ).concat(`export const router = t.router({ ${names(count).join(', ')} })\n`).join('\n'),
  none: (count) =>
    procedureLines(count, `import type { Ctx } from './init.ts'`, (p) =>
      p % 2 === 0
        ? [
            `const c${p}Input = ${readInput}`,
            `export const c${p} = (input: z.infer<typeof c${p}Input>, _ctx: Ctx) => ({ id: input.id, label: input.name + '${p}', active: input.active })`,
          ]
        : [`const m${p}Input = ${writeInput}`, `export const m${p} = (input: z.infer<typeof m${p}Input>, _ctx: Ctx) => ({ saved: input.id, at: ${p} })`],
    ).concat(`export const router = { ${names(count).join(', ')} }\n`).join('\n'),
}

function names(count: number): string[] {
  return Array.from({ length: count }, (_, p) => (p % 2 === 0 ? `c${p}` : `m${p}`))
}

function procedureLines(count: number, init: string, lines: (p: number) => string[]): string[] {
  const out = [`import * as z from 'zod'`, init, '']
  for (let p = 0; p < count; p++) out.push(...lines(p))
  out.push('')
  return out
}

function appRouterSource(framework: Framework, routerNames: readonly string[]): string {
  const imports = routerNames.map((name) => `import { router as ${name} } from './${name}.ts'`)
  const record = `{ ${routerNames.join(', ')} }`
  const assemble = framework === 'mizan' ? `m.router(${record})` : framework === 'trpc' ? `t.router(${record})` : record
  const init = framework === 'mizan' ? `import { m } from './init.ts'` : framework === 'trpc' ? `import { t } from './init.ts'` : ''
  return [init, ...imports, '', `export const appRouter = ${assemble}`, `export type AppRouter = typeof appRouter`, ''].join('\n')
}

// The inputs of the client's calls to `c0` and `m1` in each shape.
interface CallInputs {
  readonly read: (i: number) => string
  readonly write: (i: number) => string
  /** A numeric field of the write's result. */
  readonly saved: string
}
const repositoryCalls: CallInputs = {
  read: (i) => `{ id: ${i}, name: 'n', active: true }`,
  write: (i) => `{ id: read${i}.id, name: read${i}.label }`,
  saved: 'saved',
}
const idiomaticCalls: CallInputs = {
  read: (i) => `{ id: ${i} }`,
  write: (i) => `{ id: read${i}.id, name: read${i}.name }`,
  saved: 'version',
}

/** 10 reads and 10 writes spread over the sub-routers, their inputs and outputs typed. */
function calls(routerNames: readonly string[], inputs: CallInputs, call: CallProcedure): string[] {
  const lines: string[] = ['export async function useTwenty() {']
  for (let i = 0; i < 10; i++) {
    const router = routerNames[(i * 7) % routerNames.length]!
    lines.push(
      `  const read${i}: Outputs['${router}']['c0'] = await ${call(router, 'c0', 'read', inputs.read(i))}`,
      `  const input${i}: Inputs['${router}']['m1'] = ${inputs.write(i)}`,
      `  const write${i} = await ${call(router, 'm1', 'write', `input${i}`)}`,
      `  const saved${i}: number = write${i}.${inputs.saved}`,
    )
  }
  lines.push(`  return [${Array.from({ length: 10 }, (_, i) => `saved${i}`).join(', ')}]`, '}', '')
  return lines
}

// How each framework's client file begins (its client and inferred types), and how it calls a procedure.
const clients: Record<Framework, { readonly header: readonly string[]; readonly call: CallProcedure }> = {
  mizan: {
    header: [
      `import { createClient } from '@mizan/client'`,
      `import type { inferRouterInputs, inferRouterOutputs } from '@mizan/client'`,
      `import type { AppRouter } from './app-router.ts'`,
      '',
      `type Inputs = inferRouterInputs<AppRouter>`,
      `type Outputs = inferRouterOutputs<AppRouter>`,
      `const client = createClient<AppRouter>({ url: '/mizan' })`,
      '',
    ],
    call: (router, procedure, kind, input) => `client.${router}.${procedure}.${kind === 'read' ? 'query' : 'mutate'}(${input})`,
  },
  trpc: {
    header: [
      `import { createTRPCClient, httpBatchLink } from '@trpc/client'`,
      `import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server'`,
      `import type { AppRouter } from './app-router.ts'`,
      '',
      `type Inputs = inferRouterInputs<AppRouter>`,
      `type Outputs = inferRouterOutputs<AppRouter>`,
      `const client = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: '/trpc' })] })`,
      '',
    ],
    call: (router, procedure, kind, input) => `client.${router}.${procedure}.${kind === 'read' ? 'query' : 'mutate'}(${input})`,
  },
  none: {
    header: [
      `import { appRouter } from './app-router.ts'`,
      `import type { AppRouter } from './app-router.ts'`,
      '',
      `type Fn<T> = T extends (input: infer I, ctx: never) => infer O ? { input: I; output: O } : never`,
      `type Inputs = { [R in keyof AppRouter]: { [P in keyof AppRouter[R]]: Fn<AppRouter[R][P]>['input'] } }`,
      `type Outputs = { [R in keyof AppRouter]: { [P in keyof AppRouter[R]]: Fn<AppRouter[R][P]>['output'] } }`,
      '',
    ],
    call: (router, procedure, _kind, input) => `appRouter.${router}.${procedure}(${input}, { user: null })`,
  },
}

// Idiomatic shape: four read inputs in turn, each with the params a write gives its target.
const idiomaticReads = [
  { schema: 'z.object({ id: z.number().int() })', params: '{ id: input.id }' },
  { schema: 'z.object({ projectId: z.number().int(), page: z.number().int().optional() })', params: '{ projectId: input.id }' },
  { schema: 'z.object({ query: z.string().min(1), limit: z.number().int().optional(), archived: z.boolean().optional() })', params: '{ query: input.name }' },
  { schema: 'z.object({ id: z.string(), tags: z.array(z.string()).optional() })', params: '{ id: String(input.id) }' },
] as const
const idiomaticWrite = 'z.object({ id: z.number().int(), name: z.string().min(1), note: z.string().optional() })'
const readOf = (p: number) => idiomaticReads[(p / 2) % idiomaticReads.length]!

const idiomaticSubRouterSource: Record<Framework, (count: number) => string> = {
  mizan: (count) =>
    mizanSubRouter(count, {
      header: [`import * as z from 'zod'`, `import { m } from './init.ts'`],
      input: (p) => (p % 2 === 0 ? readOf(p).schema : idiomaticWrite),
      params: (p) => readOf(p - 1).params,
    }),
  trpc: (count) => {
    const lines = [`import * as z from 'zod'`, `import { t } from './init.ts'`, '', 'export const router = t.router({']
    for (let p = 0; p < count; p++) {
      if (p % 2 === 0) lines.push(`  c${p}: t.procedure.input(${readOf(p).schema}).query(({ input }) => ${readOutput(p)}),`)
      else lines.push(`  m${p}: t.procedure`, `    .input(${idiomaticWrite})`, `    .mutation(({ input }) => ${writeOutput(p)}),`)
    }
    return [...lines, '})', ''].join('\n')
  },
  // The same schemas, each typing its handler's input.
  none: (count) => {
    const lines = [`import * as z from 'zod'`, `import type { Ctx } from './init.ts'`, '']
    for (let p = 0; p < count; p++) lines.push(`const s${p} = ${p % 2 === 0 ? readOf(p).schema : idiomaticWrite}`)
    lines.push('', 'export const router = {')
    for (let p = 0; p < count; p++) {
      if (p % 2 === 0) lines.push(`  c${p}: (input: z.infer<typeof s${p}>, _ctx: Ctx) => ${readOutput(p)},`)
      else lines.push(`  m${p}: (input: z.infer<typeof s${p}>, _ctx: Ctx) => ${writeOutput(p)},`)
    }
    return [...lines, '}', ''].join('\n')
  },
}

const subRouterSources: Record<Shape, Record<Framework, (count: number) => string>> = {
  repository: subRouterSource,
  idiomatic: idiomaticSubRouterSource,
  standard: standardSubRouterSource,
}
