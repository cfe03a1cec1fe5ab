import express from 'express'
import type { Express } from 'express'
import superjson from 'superjson'
import { initTRPC } from '@trpc/server'
import { createExpressMiddleware } from '@trpc/server/adapters/express'
import { handlers, projectInput, renameInput } from '../handlers.ts'
import type { Wire } from '../handlers.ts'

export function createTrpcRouter(wire: Wire) {
  const t = wire === 'superjson' ? initTRPC.create({ transformer: superjson }) : initTRPC.create()
  return t.router({
    projects: t.procedure.query(() => handlers.listProjects()),
    project: t.procedure.input(projectInput).query(({ input }) => handlers.getProject(input)),
    stats: t.procedure.query(() => handlers.stats()),
    renameProject: t.procedure.input(renameInput).mutation(({ input }) => handlers.renameProject(input)),
  })
}

export type TrpcBenchRouter = ReturnType<typeof createTrpcRouter>

export function createTrpcApp(wire: Wire): Express {
  const app = express()
  app.disable('x-powered-by')
  app.use('/trpc', createExpressMiddleware({ router: createTrpcRouter(wire), createContext: () => ({}) }))
  return app
}
