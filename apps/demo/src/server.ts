import express from 'express'
import type { Express } from 'express'
import { mizanExpress } from '@mizan/server/express'
import { createBrowserAssets } from './browser-bundle.ts'
import type { Backplane } from './create-backplane.ts'
import type { Db } from './db/open-db.ts'
import { demoUserOf } from './demo-user.ts'
import { createDemoRouter } from './router.ts'
import { boardPage } from './routes/board-page.tsx'
import { newProject } from './routes/new-project.ts'
import { switchUser } from './routes/switch-user.ts'

export interface DemoAppOptions {
  readonly db: Db
  readonly backplane: Pick<Backplane, 'cache' | 'events'>
  /**
   * Signs CSRF tokens. Every instance of a deployment needs the same one; without it this
   * process makes its own (with a warning), which is fine for one process.
   */
  readonly csrfSecret?: string | undefined
  /** Development: the browser bundle unminified, the Devtools panel on every page. */
  readonly development: boolean
}

export interface DemoApp {
  readonly app: Express
  /** Ends the event streams, the cache and the bus (close the HTTP server after this). */
  close(): Promise<void>
}

/** The board's Express app over an open database. */
export function createDemoApp({ db, backplane, csrfSecret, development }: DemoAppOptions): DemoApp {
  const { router, targets, close } = createDemoRouter(db, backplane)
  const mizan = mizanExpress({
    router,
    createContext: ({ req }) => {
      const user = demoUserOf(req, db)
      return { user: { id: user.id, name: user.name } }
    },
    // CSRF is on, as by default: the client fetches its token itself before its first write,
    // and the page's plain forms carry it in a hidden field.
    csrf: { secret: csrfSecret },
    // The invalidation map the Devtools panel draws: development only.
    devtools: development,
  })
  const assets = createBrowserAssets({ production: !development })

  const app = express()
  app.disable('x-powered-by')
  // Mizan before any body parser: it reads its own bodies, with its own limits.
  app.use('/mizan', mizan)

  app.get('/assets/:name', async (req, res) => {
    const file = await assets.get(req.params.name)
    if (!file) return void res.status(404).end()
    res.type(file.type).send(file.body)
  })

  const page = boardPage({ db, router, mizan, development })
  app.get('/', page)
  app.get('/projects/:id', page)

  const form = express.urlencoded({ extended: false, limit: '8kb' })
  app.post('/projects', form, mizan.csrf, newProject({ db, mizan, targets }))
  app.post('/session/user', form, mizan.csrf, switchUser({ db }))

  return { app, close }
}
