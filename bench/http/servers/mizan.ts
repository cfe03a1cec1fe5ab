import express from 'express'
import type { Express } from 'express'
import superjson from 'superjson'
import { initMizan } from '@mizan/server'
import { mizanExpress } from '@mizan/server/express'
import { handlers, projectInput, renameInput } from '../handlers.ts'
import type { Wire } from '../handlers.ts'

export function createMizanRouter(wire: Wire) {
  const m = initMizan.create(wire === 'superjson' ? { transformer: superjson } : {})
  const projects = m.context.scope('public').query(() => handlers.listProjects())
  const project = m.context.input(projectInput).scope('public').query(({ input }) => handlers.getProject(input))
  const stats = m.context.scope('public').query(() => handlers.stats())
  const renameProject = m.mutation
    .input(renameInput)
    .run(({ input }) => handlers.renameProject(input))
    .invalidates(({ input }) => [projects, project({ id: input.id })])
  return m.router({ projects, project, stats, renameProject })
}

export type MizanBenchRouter = ReturnType<typeof createMizanRouter>

export function createMizanApp(wire: Wire): Express {
  const app = express()
  app.disable('x-powered-by')
  app.use('/mizan', mizanExpress({ router: createMizanRouter(wire), createContext: () => ({}) }))
  return app
}
