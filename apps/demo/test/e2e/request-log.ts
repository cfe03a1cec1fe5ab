import type { IncomingMessage } from 'node:http'

/** One request as the server saw it: who sent it, and for bundled reads, which contexts. */
export interface LoggedRequest {
  readonly method: string
  readonly path: string
  /** The demo user of the request's cookie, or undefined for none. */
  readonly user: number | undefined
  /** For a GET bundle (`/mizan/q`): the contexts it reads, with their params. */
  readonly items: readonly unknown[] | undefined
}

/** Every request a test server received, in order: what the tests count. */
export interface RequestLog {
  readonly all: readonly LoggedRequest[]
  record(req: IncomingMessage): void
  /** Bundled reads (`/mizan/q`). */
  reads(): LoggedRequest[]
  /** Mutations (`/mizan/m/...`). */
  mutations(): LoggedRequest[]
  clear(): void
}

export function createRequestLog(): RequestLog {
  let all: LoggedRequest[] = []
  return {
    get all() {
      return all
    },
    record(req) {
      const url = new URL(req.url ?? '/', 'http://x')
      const user = /mizan-demo-user=(\d+)/.exec(req.headers.cookie ?? '')?.[1]
      const items = url.searchParams.get('items')
      all.push({ method: req.method ?? '', path: url.pathname, user: user ? Number(user) : undefined, items: items ? (JSON.parse(items) as unknown[]) : undefined })
    },
    reads: () => all.filter((request) => request.path === '/mizan/q'),
    mutations: () => all.filter((request) => request.path.startsWith('/mizan/m/')),
    clear() {
      all = []
    },
  }
}
