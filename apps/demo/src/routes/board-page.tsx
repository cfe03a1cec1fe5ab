import type { Request, Response } from 'express'
import { createMizanServer, renderToStream } from '@mizan/react/server'
import type { MizanExpressMiddleware } from '@mizan/server/express'
import { entryScript } from '../browser-bundle.ts'
import { createDemoClient } from '../browser/demo-mizan.ts'
import { Document } from '../browser/document.tsx'
import { pagePropsScript } from '../browser/page-props.ts'
import type { PageProps } from '../browser/page-props.ts'
import type { Db } from '../db/open-db.ts'
import { demoUserOf } from '../demo-user.ts'
import type { DemoContext, DemoRouter } from '../router.ts'

export interface BoardPageOptions {
  readonly db: Db
  readonly router: DemoRouter
  readonly mizan: MizanExpressMiddleware<DemoContext>
  /** Whether pages load the Devtools panel without being asked (`?devtools`). */
  readonly development: boolean
}

/**
 * Serves the board for one project, rendered on the server: every context on screen is
 * prefetched through the router in process, so the page's data is in its HTML and the browser
 * reads nothing when it hydrates.
 */
export function boardPage({ db, router, mizan, development }: BoardPageOptions) {
  return async (req: Request, res: Response) => {
    const projectId = req.params['id'] === undefined ? db.projects()[0]!.id : Number(req.params['id'])
    if (!Number.isSafeInteger(projectId) || !db.project(projectId)) {
      res.status(404).type('text').send('There is no such project.')
      return
    }
    const user = demoUserOf(req, db)
    const server = createMizanServer({ router, ctx: { user: { id: user.id, name: user.name } } })
    const page: PageProps = {
      userId: user.id,
      users: db.users(),
      projectId,
      csrfField: await mizan.csrfField(req),
      newProjectError: typeof req.query['newProjectError'] === 'string' ? req.query['newProjectError'] : undefined,
      devtools: development || 'devtools' in req.query,
      devtoolsOpen: 'devtools' in req.query,
    }
    const client = createDemoClient({ live: false })
    const stream = await renderToStream({
      prefetch: (queryClient) =>
        Promise.all([
          queryClient.prefetchQuery(server.projects.queryOptions()),
          queryClient.prefetchQuery(server.project.queryOptions({ id: projectId })),
          queryClient.prefetchQuery(server.me.queryOptions()),
          queryClient.prefetchQuery(server.starred.queryOptions()),
        ]),
      render: (queryClient) => <Document page={page} client={client} queryClient={queryClient} />,
      react: { bootstrapScriptContent: pagePropsScript(page), bootstrapModules: [entryScript] },
    })
    // A page holds one user's data: never stored by shared caches.
    res.setHeader('cache-control', 'private, no-store')
    res.type('html')
    stream.pipe(res)
  }
}
