import { createServer } from 'node:http'
import type { RequestListener } from 'node:http'
import type { AddressInfo } from 'node:net'
import { isMizan } from './handlers.ts'
import type { Variant, Wire } from './handlers.ts'
import { createRawExpressApp } from './servers/express-raw.ts'
import { createLeanExpressApp } from './servers/express-lean.ts'
import { computedRoute, createMizanApp, createMizanNodeListener } from './servers/mizan.ts'
import { mizanSetup } from './servers/mizan-setup.ts'
import { createBareNodeListener } from './servers/node-bare.ts'
import { createOrpcApp } from './servers/orpc.ts'
import { createTrpcApp } from './servers/trpc.ts'

// One server process per measurement: `tsx server-main.ts <variant> <wire> [redis port]`; prints its port.
// Every variant is a request listener for `http.createServer` (an Express app is one).
export async function createListener(variant: Variant, wire: Wire, redisPort?: number): Promise<RequestListener> {
  if (variant === 'express') return createRawExpressApp(wire)
  if (variant === 'express-lean') return createLeanExpressApp(wire)
  if (variant === 'node-bare') return createBareNodeListener(wire)
  if (isMizan(variant)) {
    const { setup, computed } = await mizanSetup(variant, redisPort)
    if (variant === 'mizan-node') return createMizanNodeListener(wire, setup)
    const app = createMizanApp(wire, setup)
    if (computed) app.get(computedRoute, (_req, res) => void res.json(computed))
    return app
  }
  if (variant === 'trpc') return createTrpcApp(wire)
  return createOrpcApp()
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const [variant, wire, redisPort] = process.argv.slice(2) as [Variant, Wire, string | undefined]
  const server = createServer(await createListener(variant, wire, redisPort === undefined ? undefined : Number(redisPort))).listen(0, '127.0.0.1', () => {
    process.stdout.write(`READY ${(server.address() as AddressInfo).port}\n`)
  })
  process.on('SIGTERM', () => server.close(() => process.exit(0)))
}
