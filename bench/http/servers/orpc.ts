import express from 'express'
import type { Express } from 'express'
import { os } from '@orpc/server'
import { RPCHandler } from '@orpc/server/node'
import { BatchHandlerPlugin } from '@orpc/server/plugins'
import { handlers, projectInput, renameInput } from '../handlers.ts'

// oRPC has its own serializer (Dates, Maps, Sets, BigInt): there is no superjson to switch on.
export function createOrpcRouter() {
  return {
    projects: os.handler(() => handlers.listProjects()),
    project: os.input(projectInput).handler(({ input }) => handlers.getProject(input)),
    stats: os.handler(() => handlers.stats()),
    renameProject: os.input(renameInput).handler(({ input }) => handlers.renameProject(input)),
  }
}

export type OrpcBenchRouter = ReturnType<typeof createOrpcRouter>

export function createOrpcApp(): Express {
  const handler = new RPCHandler(createOrpcRouter(), { plugins: [new BatchHandlerPlugin()] })
  const app = express()
  app.disable('x-powered-by')
  app.use('/rpc{/*path}', async (req, res, next) => {
    const { matched } = await handler.handle(req, res, { prefix: '/rpc', context: {} })
    if (!matched) next()
  })
  return app
}
