import express from 'express'
import type { Express, Response } from 'express'
import type { Wire } from '../handlers.ts'
import { rawWork } from './raw-work.ts'
import type { Outcome } from './raw-work.ts'

/**
 * Raw Express 5 without the work Mizan skips: no ETag (`res.json` otherwise hashes every body
 * with SHA-1), and Mizan's input decoding (see `rawWork`). The idiomatic app stays beside it.
 */
export function createLeanExpressApp(wire: Wire): Express {
  const work = rawWork(wire)
  const app = express()
  app.disable('x-powered-by')
  app.set('etag', false)
  const send = (res: Response, { status, value }: Outcome) => void res.status(status).json(value)
  app.get('/api/projects', (_req, res) => send(res, work.projects()))
  app.get('/api/dashboard', (req, res) => {
    const items = req.query['items']
    send(res, work.bundle(typeof items === 'string' ? items : undefined))
  })
  // The token is checked before the body is parsed, as Mizan does.
  app.post(
    '/api/renameProject',
    (req, res, next) => {
      const refused = work.refuse(req.headers)
      if (refused) send(res, refused)
      else next()
    },
    express.json(),
    (req, res) => send(res, work.rename(req.body)),
  )
  return app
}
