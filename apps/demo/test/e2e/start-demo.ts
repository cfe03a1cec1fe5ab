import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { memoryCache, memoryEvents } from '@mizan/server'
import { openDb } from '../../src/db/open-db.ts'
import type { Db } from '../../src/db/open-db.ts'
import { createDemoApp } from '../../src/server.ts'
import { createRequestLog } from './request-log.ts'
import type { RequestLog } from './request-log.ts'

export interface RunningDemo {
  readonly base: string
  /** The demo's database, for checking what was (not) written. */
  readonly db: Db
  /** Every request the server received. */
  readonly log: RequestLog
  close(): Promise<void>
}

/**
 * The demo as `npm run demo` runs it (memory cache and events), on a fresh in-memory database
 * and a free port, behind a log of every request it receives. `development`: the unminified
 * bundle, and the invalidation map the Devtools panel draws.
 */
export async function startDemo({ development = false } = {}): Promise<RunningDemo> {
  const db = openDb(':memory:')
  const demo = createDemoApp({ db, backplane: { cache: memoryCache(), events: memoryEvents() }, csrfSecret: 'e2e-secret-of-at-least-32-characters', development })
  const log = createRequestLog()
  const server = createServer((req, res) => {
    log.record(req)
    demo.app(req, res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    db,
    log,
    close: async () => {
      await demo.close()
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
      db.close()
    },
  }
}
