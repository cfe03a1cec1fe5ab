import express from 'express'
import type { Express } from 'express'
import superjson from 'superjson'
import { handlers, projectInput, renameInput } from '../handlers.ts'
import type { Wire } from '../handlers.ts'

/**
 * Hand-written Express 5 routes doing the same work (validation, transformer, the three reads of
 * a bundle in one request): the practical limit for any framework on Express.
 */
export function createRawExpressApp(wire: Wire): Express {
  const encode = wire === 'superjson' ? (value: unknown) => superjson.serialize(value) : (value: unknown) => value
  const decode = wire === 'superjson' ? (value: unknown) => superjson.deserialize(value as never) : (value: unknown) => value
  const app = express()
  app.disable('x-powered-by')
  app.get('/api/projects', (_req, res) => {
    res.json(encode(handlers.listProjects()))
  })
  app.get('/api/dashboard', (req, res) => {
    const { id } = projectInput.parse({ id: Number(req.query['id']) })
    res.json([encode(handlers.listProjects()), encode(handlers.getProject({ id })), encode(handlers.stats())])
  })
  app.post('/api/renameProject', express.json(), (req, res) => {
    const parsed = renameInput.safeParse(decode(req.body))
    if (!parsed.success) {
      res.status(400).json({ error: parsed.error.issues })
      return
    }
    res.json(encode(handlers.renameProject(parsed.data)))
  })
  return app
}
