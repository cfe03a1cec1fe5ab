import type { Request, Response } from 'express'
import type { MizanExpressMiddleware } from '@mizan/server/express'
import type { Db } from '../db/open-db.ts'
import { projectName } from '../fields.ts'
import type { DemoContext, createDemoRouter } from '../router.ts'

export interface NewProjectOptions {
  readonly db: Db
  readonly mizan: MizanExpressMiddleware<DemoContext>
  readonly targets: ReturnType<typeof createDemoRouter>['targets']
}

/**
 * `POST /projects`, a plain form post (mount after `mizan.csrf`): a write outside the router
 * that declares what it changed with the router's own typed targets. `mizan.invalidate` purges
 * the cache and publishes the event before the redirect, so every open board lists the project.
 */
export function newProject({ db, mizan, targets }: NewProjectOptions) {
  return async (req: Request, res: Response) => {
    const body = (req.body ?? {}) as Record<string, unknown>
    const parsed = projectName.safeParse(body['name'])
    const back = safeBack(req.get('referer'))
    if (!parsed.success) {
      res.redirect(303, `${back}?newProjectError=${encodeURIComponent(parsed.error.issues[0]!.message)}`)
      return
    }
    const id = db.addProject(parsed.data)
    await mizan.invalidate(req, [targets.projects])
    res.redirect(303, `/projects/${id}`)
  }
}

// Only a path of this site: a Referer never sends the browser elsewhere.
function safeBack(referer: string | undefined): string {
  const path = referer ? URL.parse(referer)?.pathname : undefined
  return path && /^\/projects\/\d+$/.test(path) ? path : '/'
}
