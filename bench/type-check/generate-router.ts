import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export interface GeneratedRouterOptions {
  /** Where the project is written (inside the repository, so packages resolve). */
  readonly dir: string
  /** Total procedures: half contexts with a 3-field input, half mutations with a target. */
  readonly procedures: number
  /** Sub-routers the procedures are spread over. */
  readonly subRouters: number
}

/**
 * Writes a router of the given size, plus a file that calls 20 of its procedures and reads their
 * inferred types the way an app would, and a tsconfig to check both.
 */
export function generateRouterProject(options: GeneratedRouterOptions): void {
  const { dir, procedures, subRouters } = options
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const perRouter = Math.ceil(procedures / subRouters)
  const routerNames: string[] = []
  let written = 0
  for (let r = 0; r < subRouters && written < procedures; r++) {
    const count = Math.min(perRouter, procedures - written)
    writeFileSync(join(dir, `router${r}.ts`), subRouterSource(count))
    routerNames.push(`router${r}`)
    written += count
  }
  writeFileSync(join(dir, 'app-router.ts'), appRouterSource(routerNames))
  writeFileSync(join(dir, 'usage.ts'), usageSource(routerNames))
  writeFileSync(join(dir, 'mizan.ts'), mizanSource)
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify(
      {
        extends: '../../../tsconfig.base.json',
        compilerOptions: { composite: false, declaration: false, emitDeclarationOnly: false, noEmit: true, incremental: false },
        include: ['*.ts'],
      },
      null,
      2,
    ),
  )
}

const mizanSource = `import { initMizan } from '@mizan/server'

export interface AppContext {
  readonly user: { readonly id: number } | null
}

export const m = initMizan.context<AppContext>().create()
`

function subRouterSource(count: number): string {
  const lines = [`import * as z from 'zod'`, `import { m } from './mizan.ts'`, '']
  const names: string[] = []
  for (let p = 0; p < count; p++) {
    if (p % 2 === 0) {
      names.push(`c${p}`)
      lines.push(
        `export const c${p} = m.context`,
        `  .input(z.object({ id: z.number(), name: z.string(), active: z.boolean() }))`,
        `  .query(({ input }) => ({ id: input.id, label: input.name + '${p}', active: input.active }))`,
      )
    } else {
      names.push(`m${p}`)
      lines.push(
        `export const m${p} = m.mutation`,
        `  .input(z.object({ id: z.number(), name: z.string() }))`,
        `  .run(({ input }) => ({ saved: input.id, at: ${p} }))`,
        `  .invalidates(({ input }) => [c${p - 1}({ id: input.id, name: input.name, active: true })])`,
      )
    }
  }
  lines.push('', `export const router = m.router({ ${names.join(', ')} })`, '')
  return lines.join('\n')
}

function appRouterSource(routerNames: readonly string[]): string {
  const imports = routerNames.map((name) => `import { router as ${name} } from './${name}.ts'`)
  return [
    `import { m } from './mizan.ts'`,
    ...imports,
    '',
    `export const appRouter = m.router({ ${routerNames.join(', ')} })`,
    `export type AppRouter = typeof appRouter`,
    '',
  ].join('\n')
}

function usageSource(routerNames: readonly string[]): string {
  const lines = [
    `import type { inferRouterInputs, inferRouterOutputs } from '@mizan/server'`,
    `import { appRouter } from './app-router.ts'`,
    `import type { AppRouter } from './app-router.ts'`,
    '',
    `type Inputs = inferRouterInputs<AppRouter>`,
    `type Outputs = inferRouterOutputs<AppRouter>`,
    `const caller = appRouter.createCaller({ user: { id: 1 } })`,
    '',
    'export async function useTwenty() {',
  ]
  for (let i = 0; i < 10; i++) {
    const router = routerNames[(i * 7) % routerNames.length]
    lines.push(
      `  const read${i}: Outputs['${router}']['c0'] = await caller.${router}.c0({ id: ${i}, name: 'n', active: true })`,
      `  const input${i}: Inputs['${router}']['m1'] = { id: read${i}.id, name: read${i}.label }`,
      `  const write${i} = await caller.${router}.m1(input${i})`,
      `  const saved${i}: number = write${i}.data.saved`,
    )
  }
  lines.push(`  return [${Array.from({ length: 10 }, (_, i) => `saved${i}`).join(', ')}]`, '}', '')
  return lines.join('\n')
}
