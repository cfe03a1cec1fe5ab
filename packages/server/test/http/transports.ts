import type { AddressInfo } from 'node:net'
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import express from 'express'
import { afterEach } from 'vitest'
import { mizanExpress } from '../../src/adapters/express.ts'
import { mizanFetch } from '../../src/adapters/fetch.ts'
import { mizanNode } from '../../src/adapters/node-http.ts'
import type { AnyRouter, ErrorInfo, HandlerOptions } from '../../src/index.ts'
import { openSession } from '../fixtures/session.ts'
import type { TestSession } from '../fixtures/session.ts'
import { createCounters, createHttpRouter } from './fixtures.ts'

export const testLimits = { maxBodyBytes: 64 * 1024, maxItems: 50, maxUrlLength: 8192 }

/** A way to reach the handler: a real Express or node:http server over loopback, or the Fetch adapter alone. */
export interface Transport {
  /**
   * `path` is below the mount point, e.g. `/q?items=...` or `/m/renameProject`. A request to a
   * mutation carries a CSRF session's token and cookie, as the client sends them (the session is
   * opened on first use), unless `init.headers` names its own `mizan-csrf` or `cookie`: so
   * tests run with the check on, as apps do.
   */
  send(path: string, init?: RequestInit): Promise<Response>
  /** Sends the request as given, nothing added: for tests of the CSRF check itself. */
  raw(path: string, init?: RequestInit): Promise<Response>
  /** The transport's CSRF session (opened on first use). */
  session(): Promise<TestSession>
  readonly counters: ReturnType<typeof createCounters>
  readonly errors: ErrorInfo[]
  /** For raw-socket tests: the server's port (undefined for the Fetch adapter). */
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
    createContext: ({ req }) => {
      counters.contexts++
      return { user: req.get('x-user') ?? null }
    },
    onError: (info) => errors.push(info),
    debug: options.debug,
    ...testLimits,
    ...options.handler,
  })
  app.use('/mizan', mizan)
  return listening(app.listen(0, '127.0.0.1'), counters, errors)
}

/** The node:http adapter as a server's only listener, at its default endpoint (`/mizan`). */
export async function nodeTransport(options: TransportOptions = {}): Promise<Transport> {
  const counters = createCounters()
  const errors: ErrorInfo[] = []
  const listener = mizanNode({
    router: options.router ?? createHttpRouter(counters),
    createContext: ({ req }) => {
      counters.contexts++
      const user = req.headers['x-user']
      return { user: typeof user === 'string' ? user : null }
    },
    onError: (info) => errors.push(info),
    debug: options.debug,
    ...testLimits,
    ...options.handler,
  })
  return listening(createServer(listener).listen(0, '127.0.0.1'), counters, errors)
}

/** A transport over a loopback server once it listens, its requests sent below `/mizan`. */
async function listening(server: Server, counters: Transport['counters'], errors: ErrorInfo[]): Promise<Transport> {
  await new Promise((resolve) => server.once('listening', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    ...withSession((path, init) => fetch(`http://127.0.0.1:${port}/mizan${path}`, init)),
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
    createContext: ({ request }) => {
      counters.contexts++
      return { user: request.headers.get('x-user') }
    },
    onError: (info) => errors.push(info),
    debug: options.debug,
    ...testLimits,
    ...options.handler,
  })
  return {
    ...withSession((path, init) => handler(new Request(`http://mizan.test/mizan${path}`, { ...init, duplex: 'half' } as RequestInit))),
    counters,
    errors,
    port: undefined,
    close: async () => {},
  }
}

/** `send`, `raw` and `session` over a way to send requests (see `Transport.send`). */
export function withSession(raw: (path: string, init?: RequestInit) => Promise<Response>): Pick<Transport, 'send' | 'raw' | 'session'> {
  let opened: Promise<TestSession> | undefined
  const session = () => (opened ??= openSession(() => raw('/session')))
  return {
    raw,
    session,
    async send(path, init = {}) {
      const headers = new Headers(init.headers)
      if (!path.startsWith('/m/') || headers.has('mizan-csrf') || headers.has('cookie')) return raw(path, init)
      for (const [name, value] of Object.entries((await session()).headers)) headers.set(name, value)
      return raw(path, { ...init, headers })
    },
  }
}

/** Every way to reach the handler, for `describe.each(transports)`. */
export const transports = [
  ['Express', expressTransport],
  ['node:http', nodeTransport],
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
