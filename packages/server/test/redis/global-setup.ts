import type { TestProject } from 'vitest/node'
import { redisServerMissing, startRedisServer } from './redis-server.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The port of the shared test redis-server; null when none could start (outside CI only). */
    redisPort: number | null
  }
}

/**
 * Starts one real redis-server for the server package's Redis tests. Without `redis-server`, the
 * Redis tests are skipped with one line saying why, except in CI, where that is a failure.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const missing = redisServerMissing()
  if (missing) {
    if (process.env['CI']) throw new Error(`Redis tests need a real redis-server: ${missing}`)
    console.warn(`Skipping the Redis tests: ${missing}`)
    project.provide('redisPort', null)
    return async () => {}
  }
  const server = await startRedisServer()
  project.provide('redisPort', server.port)
  return () => server.stop()
}
