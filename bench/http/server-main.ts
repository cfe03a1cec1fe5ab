import type { AddressInfo } from 'node:net'
import type { Express } from 'express'
import type { Variant, Wire } from './handlers.ts'
import { createRawExpressApp } from './servers/express-raw.ts'
import { createMizanApp } from './servers/mizan.ts'
import { createOrpcApp } from './servers/orpc.ts'
import { createTrpcApp } from './servers/trpc.ts'

// One server process per measurement: `tsx server-main.ts <variant> <wire>`; prints its port.
export function createApp(variant: Variant, wire: Wire): Express {
  if (variant === 'express') return createRawExpressApp(wire)
  if (variant === 'mizan') return createMizanApp(wire)
  if (variant === 'trpc') return createTrpcApp(wire)
  return createOrpcApp()
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const [variant, wire] = process.argv.slice(2) as [Variant, Wire]
  const server = createApp(variant, wire).listen(0, '127.0.0.1', () => {
    process.stdout.write(`READY ${(server.address() as AddressInfo).port}\n`)
  })
  process.on('SIGTERM', () => server.close(() => process.exit(0)))
}
