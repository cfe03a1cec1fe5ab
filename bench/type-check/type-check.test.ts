import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { generateRouterProject } from './generate-router.ts'
import type { Framework } from './generate-router.ts'
import { measureTypeCheck } from './measure.ts'

// Type cost is a promise of the router's design (lazy per-procedure types). This test holds the
// part that must never break, a big router type-checking at all; the figures are printed, never
// compared with a wall-clock threshold (machines here are shared and noisy).
describe('a generated router of 1,000 procedures', () => {
  it('type-checks under TypeScript 7 with no error and no TS2589', () => {
    const dir = join(import.meta.dirname, '..', '.generated', 'test-1000')
    generateRouterProject({ dir, procedures: 1000, subRouters: 50, mizanFrom: 'source' })
    const figures = measureTypeCheck(dir)
    console.log(
      `1,000 procedures: check ${figures.checkTimeSeconds}s, ${figures.instantiations} instantiations, ` +
        `${Math.round(figures.memoryKb / 1024)} MB`,
    )
    expect(figures.errors).toEqual([])
    expect(figures.exitCode).toBe(0)
    expect(figures.instantiations).toBeGreaterThan(0)
  }, 120_000)

  it('reports a type error in a generated project, so the check above can fail', () => {
    const dir = join(import.meta.dirname, '..', '.generated', 'test-broken')
    generateRouterProject({ dir, procedures: 4, subRouters: 1, mizanFrom: 'source' })
    writeFileSync(join(dir, 'broken.ts'), `import { c0 } from './router0.ts'\nexport const t = c0({ id: 'x', name: 'n', active: true })\n`)
    const figures = measureTypeCheck(dir)
    expect(figures.exitCode).not.toBe(0)
    expect(figures.errors.join('\n')).toMatch(/broken\.ts.*error TS2322/)
  }, 120_000)
})

// The `.invalidates` cost per mutation is Mizan's router minus this one: they must differ by the
// targets only.
describe('a generated router without its invalidation targets', () => {
  it('is the same router less one `.invalidates` per mutation, in every shape, and both type-check', () => {
    for (const shape of ['repository', 'idiomatic', 'standard'] as const) {
      const withTargets = join(import.meta.dirname, '..', '.generated', `test-targets-${shape}`)
      const without = join(import.meta.dirname, '..', '.generated', `test-no-targets-${shape}`)
      generateRouterProject({ dir: withTargets, procedures: 40, subRouters: 2, mizanFrom: 'source', shape })
      generateRouterProject({ dir: without, procedures: 40, subRouters: 2, mizanFrom: 'source', shape, invalidates: false })
      expect(sourcesOf(withTargets).match(/\.invalidates\(/g)).toHaveLength(20)
      expect(sourcesOf(without)).not.toContain('.invalidates')
      expect(sourcesOf(without).replace(/\s/g, '')).toBe(sourcesOf(withTargets).replace(/\.invalidates\(.*\)(?=,?$)/gm, '').replace(/\s/g, ''))
      expect(measureTypeCheck(withTargets).errors).toEqual([])
      expect(measureTypeCheck(without).errors).toEqual([])
    }
  }, 120_000)
})

// Both frameworks must infer a hand-written Standard Schema's types, not take any input: a client
// calling a read with a wrong field type fails to compile in each.
describe('the standard shape', () => {
  const wrongCall: Record<Framework, string> = {
    mizan: `import { createClient } from '@mizan/client'\nimport type { AppRouter } from './app-router.ts'\nexport const bad = createClient<AppRouter>({ url: '/mizan' }).router0.c0.query({ id: 'x' })\n`,
    trpc: `import { createTRPCClient, httpBatchLink } from '@trpc/client'\nimport type { AppRouter } from './app-router.ts'\nexport const bad = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: '/trpc' })] }).router0.c0.query({ id: 'x' })\n`,
    none: `import { appRouter } from './app-router.ts'\nexport const bad = appRouter.router0.c0({ id: 'x' }, { user: null })\n`,
  }

  it('calls every procedure from the client and type-checks in each framework, and a wrong input does not', () => {
    for (const framework of ['none', 'mizan', 'trpc'] as const) {
      const dir = join(import.meta.dirname, '..', '.generated', `test-standard-${framework}`)
      generateRouterProject({ dir, procedures: 40, subRouters: 2, mizanFrom: 'source', shape: 'standard', framework })
      expect(sourcesOf(dir)).not.toContain('zod')
      expect(readFileSync(join(dir, 'client.ts'), 'utf8').match(/\.(query|mutate)\(|appRouter\.router\d+\.\w+\(/g)).toHaveLength(40)
      expect(measureTypeCheck(dir).errors).toEqual([])
      writeFileSync(join(dir, 'broken.ts'), wrongCall[framework])
      expect(measureTypeCheck(dir).errors.join('\n')).toMatch(/broken\.ts.*error TS2322/)
    }
  }, 120_000)
})

function sourcesOf(dir: string): string {
  return readdirSync(dir).filter((file) => file.endsWith('.ts')).map((file) => readFileSync(join(dir, file), 'utf8')).join('\n')
}
