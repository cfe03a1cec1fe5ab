import type { Request } from 'express'
import type { Db } from './db/open-db.ts'
import type { UserRow } from './db/rows.ts'

/** The cookie naming the demo user a browser acts as. Not auth: anyone may pick anyone. */
export const demoUserCookie = 'mizan-demo-user'

/** The user a request acts for: the one its cookie names, else the first demo user. */
export function demoUserOf(req: Request, db: Db): UserRow {
  const named = /(?:^|;\s*)mizan-demo-user=(\d+)/.exec(req.headers.cookie ?? '')?.[1]
  return (named ? db.user(Number(named)) : undefined) ?? db.users()[0]!
}
