import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { measureTypeCheck } from './type-check/measure.ts'

const variants: Record<string, (p: number) => string> = {
  zodOutputAccess: (p) => `const s${p} = z.object({ id: z.number(), name: z.string(), active: z.boolean() }); export type O${p} = z.output<typeof s${p}>; export type I${p} = z.input<typeof s${p}>`,
  stdInferBoth: (p) => `const s${p} = z.object({ id: z.number(), name: z.string(), active: z.boolean() }); export type O${p} = StandardSchemaV1.InferOutput<typeof s${p}>; export type I${p} = StandardSchemaV1.InferInput<typeof s${p}>`,
  ctxInputOnly: (p) => `export const c${p} = m.context.input(z.object({ id: z.number(), name: z.string(), active: z.boolean() }))`,
  ctxQueryConst: (p) => `export const c${p} = m.context.input(z.object({ id: z.number(), name: z.string(), active: z.boolean() })).query(() => ${p})`,
  ctxFull: (p) => `export const c${p} = m.context.input(z.object({ id: z.number(), name: z.string(), active: z.boolean() })).query(({ input }) => ({ id: input.id, label: input.name, active: input.active }))`,
  mutNoTargets: (p) => `export const m${p} = m.mutation.input(z.object({ id: z.number(), name: z.string() })).run(({ input }) => ({ saved: input.id }))`,
  trpcCtxFull: (p) => `export const c${p} = t.procedure.input(z.object({ id: z.number(), name: z.string(), active: z.boolean() })).query(({ input }) => ({ id: input.id, label: input.name, active: input.active }))`,
}
for (const [name, line] of Object.entries(variants)) {
  const dir = join(import.meta.dirname, '.generated', `exp-${name}`)
  rmSync(dir, { recursive: true, force: true }); mkdirSync(dir, { recursive: true })
  const body = [`import * as z from 'zod'`, `import { initMizan } from '@mizan/server'`, `import { initTRPC } from '@trpc/server'`, `const m = initMizan.create()`, `const t = initTRPC.create()`, `void m, t`, `import type { StandardSchemaV1 } from '@standard-schema/spec'`]
  for (let p = 0; p < 500; p++) body.push(line(p))
  writeFileSync(join(dir, 'a.ts'), body.join('\n'))
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: '../../../tsconfig.base.json', compilerOptions: { composite: false, declaration: false, emitDeclarationOnly: false, noEmit: true }, include: ['*.ts'] }))
  const f = measureTypeCheck(dir)
  console.log(name.padEnd(20), f.exitCode, f.checkTimeSeconds, f.instantiations, f.types, f.errors.slice(0, 2))
}
