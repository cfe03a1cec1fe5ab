import type { Request, Response } from 'express'
import type { Db } from '../db/open-db.ts'
import { demoUserCookie } from '../demo-user.ts'

/**
 * `POST /session/user` (mount after `mizan.csrf`): acts as another demo user from now on. A
 * cookie, not a sign-in; the redirect renders the page again with that user's data.
 */
export function switchUser({ db }: { readonly db: Db }) {
  return (req: Request, res: Response) => {
    const body = (req.body ?? {}) as Record<string, unknown>
    const user = db.user(Number(body['userId']))
    if (user) res.cookie(demoUserCookie, String(user.id), { httpOnly: true, sameSite: 'lax', path: '/' })
    const back = typeof body['back'] === 'string' && /^\/projects\/\d+$/.test(body['back']) ? body['back'] : '/'
    res.redirect(303, back)
  }
}
