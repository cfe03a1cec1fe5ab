import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import express from 'express'
import { afterEach } from 'vitest'
import { mizanExpress } from '../../src/adapters/express.ts'
import { mizanFetch } from '../../src/adapters/fetch.ts'
import type { AnyRouter, ErrorInfo, HandlerOptions } from '../../src/index.ts'
import { createCounters, createHttpRouter } from './fixtures.ts'

export const testLimits = { maxBodyBytes: 64 * 1024, maxItems: 50, maxUrlLength: 8192 }

/** A way to reach the handler: a real Express server over loopback, or the Fetch adapter alone. */
export interface Transport {
  /** `path` is below the mount point, e.g. `/q?items=...` or `/m/renameProject`. */
  send(path: string, init?: RequestInit): Promise<Response>
  readonly counters: ReturnType<typeof createCounters>
  readonly errors: ErrorInfo[]
  /** For raw-socket tests: the Express server's port (undefined for the Fetch adapter). */
  readonly port: number | undefined
  close(): Promise<void>
}

export interface TransportOptions {
  readonly debug?: boolean
  /** Mount `express.json()` before Mizan (Express only). */
  readonly jsonParserFirst?: boolean
  /** Serve this router instead of the fixture router (whose `counters` then stay unused). */
  readonly router?: AnyRouter
  /** Handler options beyond the shared test limits (limits and deadlines under test). */
  readonly handler?: Omit<HandlerOptions<AnyRouter>, 'router'>
}

export async function expressTransport(options: TransportOptions = {}): Promise<Transport> {
  const counters = createCounters()
  const errors: ErrorInfo[] = []
  const app = express()
  if (options.jsonParserFirst) app.use(express.json({ limit: '1mb' }))
  const mizan = mizanExpress({
    router: options.router ?? createHttpRouter(counters),
    createContext: ({ req }) => ({ user: req.get('x-user') ?? null }),
    onError: (info) => errors.push(info),
    debug: options.debug,
    ...testLimits,
    ...options.handler,
  })
  app.use('/mizan', mizan)
  const server: Server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    send: (path, init) => fetch(`http://127.0.0.1:${port}/mizan${path}`, init),
    counters,
    errors,
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export async function fetchTransport(options: TransportOptions = {}): Promise<Transport> {
  const counters = createCounters()
  const errors: ErrorInfo[] = []
  const handler = mizanFetch({
    router: options.router ?? createHttpRouter(counters),
    endpoint: '/mizan',
    createContext: ({ request }) => ({ user: request.headers.get('x-user') }),
    onError: (info) => errors.push(info),
    debug: options.debug,
    ...testLimits,
    ...options.handler,
  })
  return {
    send: (path, init) => handler(new Request(`http://mizan.test/mizan${path}`, { ...init, duplex: 'half' } as RequestInit)),
    counters,
    errors,
    port: undefined,
    close: async () => {},
  }
}

/** Both ways to reach the handler, for `describe.each(transports)`. */
export const transports = [
  ['Express', expressTransport],
  ['Fetch', fetchTransport],
] as const

/**
 * Opens transports for a test and closes them after it: call once at the top of a file,
 * then `const t = await open(transport, options)` inside a test.
 */
export function openPerTest(): (transport: (options: TransportOptions) => Promise<Transport>, options?: TransportOptions) => Promise<Transport> {
  const opened: Transport[] = []
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((transport) => transport.close()))
  })
  return async (transport, options = {}) => {
    const t = await transport(options)
    opened.push(t)
    return t
  }
}
