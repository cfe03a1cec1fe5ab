import { randomBytes } from 'node:crypto'
import { startInstance } from './cluster/start-instance.ts'
import type { Instance } from './cluster/start-instance.ts'
import { startRedisServer } from './cluster/start-redis-server.ts'
import type { RedisProcess } from './cluster/start-redis-server.ts'

// `npm run demo:cluster`: two instances of the demo, each its own process on its own port,
// sharing one redis-server (result cache and events), one SQLite file and one CSRF secret:
// what N instances behind any load balancer would share. No balancer here: open both URLs.
// REDIS_URL uses a running Redis instead of starting one; PORT is the first port (default 3001,
// the second is the next one; 0 picks free ports).
const redis: RedisProcess | undefined = process.env['REDIS_URL'] ? undefined : await startRedisServer()
const redisUrl = process.env['REDIS_URL'] || redis!.url
const first = Number(process.env['PORT'] ?? 3001)
const shared = {
  REDIS_URL: redisUrl,
  // Each instance must accept the tokens the other issued.
  MIZAN_CSRF_SECRET: process.env['MIZAN_CSRF_SECRET'] ?? randomBytes(32).toString('base64url'),
}

const instances: Instance[] = []
let stopping = false
const stop = async (code: number) => {
  if (stopping) return
  stopping = true
  await Promise.all(instances.map((instance) => instance.stop()))
  await redis?.stop()
  process.exit(code)
}
process.once('SIGINT', () => void stop(0))
process.once('SIGTERM', () => void stop(0))

try {
  const ports = first === 0 ? [0, 0] : [first, first + 1]
  // One after the other: the first creates and seeds the shared SQLite file. Two processes
  // opening a new file at once can fail (switching it to WAL answers SQLITE_BUSY without
  // waiting), and an instance that started is stopped with the cluster when the next one fails.
  for (const [index, port] of ports.entries()) instances.push(await startInstance(`[${index + 1}]`, { ...shared, PORT: String(port) }))
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  await stop(1)
}
console.log(`Mizan demo cluster ready: ${instances.map((instance) => instance.url).join(' and ')} share ${redisUrl}`)
// An instance that dies takes the cluster down: half a cluster would only mislead.
for (const instance of instances) instance.process.once('exit', () => void stop(1))
