import express from 'express'
import type { Express, Request } from 'express'
import { toMizanError } from '@mizan/server'
import { mizanExpress } from '@mizan/server/express'
import type { Db } from './db.ts'
import { createBrowserBundle } from './browser-bundle.ts'
import { renderPage } from './page.ts'
import type { PageModel, ProcedureRow, TryResult } from './page.ts'
import { createDemoRouter } from './router.ts'
import type { DemoContext } from './router.ts'

// Until sessions exist, every visitor of the demo acts as this user.
const demoUser: DemoContext['user'] = { id: 1, name: 'Demo user' }

/** The demo's Express app over an open database. */
export function createDemoApp(db: Db): Express {
  const router = createDemoRouter(db)
  const procedures: ProcedureRow[] = [...router._def.procedures].map(([path, procedure]) => ({
    path,
    kind: procedure._kind,
    takesInput: procedure._def.hasInput,
    scope: procedure._def.scope,
  }))
  // The CSRF check is on, as by default: the client sends its token itself, and the form below
  // carries it in a hidden field. Every instance of a deployment needs the same secret; without
  // one, this process makes its own (with a warning).
  const mizan = mizanExpress({ router, createContext: () => ({ user: demoUser }), csrf: { secret: process.env['MIZAN_CSRF_SECRET'] } })
  const page = async (req: Request, form: PageModel['form'], result?: TryResult) => {
    const projects = await router.createCaller({ user: demoUser }).projects()
    return renderPage({ procedures, projects, form, result, csrfField: await mizan.csrfField(req) })
  }

  const app = express()
  app.disable('x-powered-by')
  app.use('/mizan', mizan)

  const browserBundle = createBrowserBundle()
  app.get('/app.js', async (_req, res) => {
    res.type('text/javascript').send(await browserBundle())
  })

  app.get('/', async (req, res) => {
    res.type('html').send(await page(req, { id: '1', name: '' }))
  })

  app.post('/try/rename', express.urlencoded({ extended: false, limit: '8kb' }), async (req, res) => {
    const form = { id: String(req.body?.id ?? ''), name: String(req.body?.name ?? '') }
    const caller = router.createCaller({ user: demoUser })
    let result: TryResult
    try {
      // A write from a plain form: another site's form must not rename a project for this user.
      await mizan.checkCsrf(req)
      const { data, invalidate } = await caller.renameProject({ id: Number(form.id), name: form.name })
      result = { ok: true, data, invalidate }
    } catch (error) {
      const mizanError = toMizanError(error)
      result = { ok: false, code: mizanError.code, message: mizanError.message, issues: mizanError.issues ?? [] }
      res.status(mizanError.status)
    }
    // The form keeps what was typed, so a rejected write loses nothing.
    res.type('html').send(await page(req, form, result))
  })

  return app
}
