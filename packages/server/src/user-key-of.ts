import type { UserKeyFn } from './cache/router-cache.ts'

/**
 * The key of the user a context acts for, as text (`7` and `'7'` are one user), by the router's
 * `userKey`; undefined when anonymous (no `userKey`, or it gives null, undefined or '').
 */
export function userKeyOf(userKey: UserKeyFn | undefined, ctx: unknown): string | undefined {
  const key = userKey?.(ctx)
  return key === undefined || key === null || key === '' ? undefined : String(key)
}
