import { join } from 'node:path'
import { generateRouterProject } from './generate-router.ts'
import type { Framework, Shape } from './generate-router.ts'
import { measureTypeCheck } from './measure.ts'

// `npm run bench:types [procedures]`: each shape with no framework, Mizan (through its built
// declaration files, as a user gets them) and tRPC, single-threaded and with TypeScript's default
// checkers. What a framework adds is its count minus the no-framework one (the same schemas, zod
// or hand-written Standard Schemas, typing plain functions): the validator's own cost is not the
// framework's. And what one mutation's `.invalidates(...)` costs: Mizan's router minus the same
// router without its targets.
const procedures = Number(process.argv[2]) > 0 ? Number(process.argv[2]) : 1000
const frameworks: Framework[] = ['none', 'mizan', 'trpc']
for (const shape of ['repository', 'idiomatic', 'standard'] as Shape[]) {
  const counts = new Map<Framework, { single: number; defaults: number }>()
  for (const framework of frameworks) {
    const dir = join(import.meta.dirname, '..', '.generated', `types-${shape}-${framework}-${procedures}`)
    generateRouterProject({ dir, procedures, subRouters: 50, framework, shape, mizanFrom: 'dist' })
    const single = measureTypeCheck(dir)
    const defaults = measureTypeCheck(dir, { singleThreaded: false })
    counts.set(framework, { single: single.instantiations, defaults: defaults.instantiations })
    console.log(
      `${shape} ${framework} ${procedures}: single-threaded ${single.instantiations} instantiations (check ${single.checkTimeSeconds}s), ` +
        `default checkers ${defaults.instantiations} (check ${defaults.checkTimeSeconds}s), exit ${single.exitCode}`,
    )
    for (const error of single.errors.slice(0, 10)) console.log(`  ${error}`)
  }
  // What one `.invalidates(...)` costs: the same Mizan router without its targets, per mutation.
  const dir = join(import.meta.dirname, '..', '.generated', `types-${shape}-mizan-no-invalidates-${procedures}`)
  generateRouterProject({ dir, procedures, subRouters: 50, shape, mizanFrom: 'dist', invalidates: false })
  const withoutTargets = measureTypeCheck(dir).instantiations
  const perMutation = (counts.get('mizan')!.single - withoutTargets) / Math.floor(procedures / 2)
  console.log(`${shape} mizan without .invalidates: ${withoutTargets} instantiations: .invalidates costs ${perMutation.toFixed(1)} per mutation`)
  const none = counts.get('none')!
  const adds = (framework: Framework, key: 'single' | 'defaults') => counts.get(framework)![key] - none[key]
  for (const key of ['single', 'defaults'] as const) {
    const mizan = adds('mizan', key)
    const trpc = adds('trpc', key)
    console.log(`${shape} ${key === 'single' ? 'single-threaded' : 'default checkers'}: Mizan adds ${mizan}, tRPC adds ${trpc}: ${(mizan / trpc).toFixed(2)}x`)
  }
}
