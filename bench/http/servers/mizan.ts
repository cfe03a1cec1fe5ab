import type { RequestListener } from 'node:http'
import express from 'express'
import type { Express } from 'express'
import superjson from 'superjson'
import { initMizan } from '@mizan/server'
import type { CsrfOptions, EventBus, ResultCache } from '@mizan/server'
import { mizanExpress } from '@mizan/server/express'
import { mizanNode } from '@mizan/server/node'
import { csrfSecretFromEnv } from '../csrf-secret.ts'
import { handlers, projectInput, renameInput } from '../handlers.ts'
import type { Wire } from '../handlers.ts'

/** What `create()` is given beyond the transformer, and whether the reads are cached. */
export interface MizanSetup {
  readonly cache?: ResultCache
  readonly events?: EventBus
  /** Declares the three reads `.cache()`. */
  readonly cacheReads?: boolean
  /** The handlers the resolvers call: counting ones, to check that a cache is hit. */
  readonly handlers?: typeof handlers
  /** The CSRF check; by default on, with the secret of the bench run (from the environment). */
  readonly csrf?: CsrfOptions | false
}

export function createMizanRouter(wire: Wire, setup: MizanSetup = {}) {
  const h = setup.handlers ?? handlers
  const m = initMizan.create({
    ...(wire === 'superjson' ? { transformer: superjson } : {}),
    ...(setup.cache ? { cache: setup.cache } : {}),
    ...(setup.events ? { events: setup.events } : {}),
  })
  const read = setup.cacheReads ? m.context.scope('public').cache() : m.context.scope('public')
  const projects = read.query(() => h.listProjects())
  const project = read.input(projectInput).query(({ input }) => h.getProject(input))
  const stats = read.query(() => h.stats())
  const renameProject = m.mutation
    .input(renameInput)
    .run(({ input }) => h.renameProject(input))
    .invalidates(({ input }) => [projects, project({ id: input.id })])
  return m.router({ projects, project, stats, renameProject })
}

export type MizanBenchRouter = ReturnType<typeof createMizanRouter>

/** Where a server with counting handlers tells how often each resolver ran. */
export const computedRoute = '/bench/computed'

export function createMizanApp(wire: Wire, setup: MizanSetup = {}): Express {
  const app = express()
  app.disable('x-powered-by')
  app.use('/mizan', mizanExpress({ router: createMizanRouter(wire, setup), createContext: () => ({}), csrf: csrfOf(setup) }))
  return app
}

/** The same router on the node:http adapter alone, at the same `/mizan` endpoint. */
export function createMizanNodeListener(wire: Wire, setup: MizanSetup = {}): RequestListener {
  return mizanNode({ router: createMizanRouter(wire, setup), createContext: () => ({}), csrf: csrfOf(setup) })
}

// The CSRF check is on, as by default: every write the load generator replays carries the token
// and the cookie the Mizan client got from `GET /mizan/session` (see captureScenarios).
function csrfOf(setup: MizanSetup): CsrfOptions | false {
  return setup.csrf ?? { secret: csrfSecretFromEnv() }
}
