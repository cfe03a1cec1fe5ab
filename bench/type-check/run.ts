import { join } from 'node:path'
import { generateRouterProject } from './generate-router.ts'
import { measureTypeCheck } from './measure.ts'

// Prints type-check figures for generated Mizan routers: `npm run bench:types [sizes...]`.
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0)
for (const procedures of sizes.length ? sizes : [1000]) {
  const dir = join(import.meta.dirname, '..', '.generated', `mizan-${procedures}`)
  generateRouterProject({ dir, procedures, subRouters: 50 })
  const figures = measureTypeCheck(dir)
  console.log(
    `${procedures} procedures: exit ${figures.exitCode}, check ${figures.checkTimeSeconds}s, ` +
      `total ${figures.totalTimeSeconds}s, ${figures.instantiations} instantiations, ${figures.types} types, ` +
      `${Math.round(figures.memoryKb / 1024)} MB`,
  )
  for (const error of figures.errors.slice(0, 10)) console.log(`  ${error}`)
}
