import { audienceTarget } from './target.ts'
import type { AudienceTarget, ContextTarget } from './target.ts'

/** A user's key as `userKey` gives it: what `user`-scoped results and event streams are keyed by. */
export type UserKey = string | number

/**
 * Targets of other users' data, for a write that changes it (an admin's edit, a webhook, a job):
 * their user-scoped contexts are purged from those users' cached results and announced on their
 * event streams. The acting user's own answer carries them only when the acting user is named.
 * Public contexts among the targets behave as they do anywhere (everyone's).
 *
 * @example .invalidates(({ input }) => [forUser(input.ownerId, [inbox, message({ id: input.id })])])
 */
export function forUser(users: UserKey | readonly UserKey[], targets: readonly ContextTarget[]): AudienceTarget {
  const list = Array.isArray(users) ? (users as readonly UserKey[]) : [users as UserKey]
  return audienceTarget(Object.freeze([...new Set(list.map(userKeyText))]), assertList(targets, 'forUser'))
}

/**
 * Targets of every user's data (a price change in every cart, a feature switched for all): the
 * user-scoped contexts among them are purged for every user and announced on every stream.
 *
 * @example .invalidates([forEveryUser([cart])])
 */
export function forEveryUser(targets: readonly ContextTarget[]): AudienceTarget {
  return audienceTarget('every', assertList(targets, 'forEveryUser'))
}

// Keys are compared as text, as `userKey`'s are: `7` and `'7'` are one user. An empty key, or a
// number that is no key, would silently reach nobody: refused.
function userKeyText(key: UserKey): string {
  if ((typeof key === 'string' && key !== '') || (typeof key === 'number' && Number.isFinite(key))) return String(key)
  throw new TypeError(`forUser: ${JSON.stringify(key) ?? String(key)} is not a user key (a non-empty string or a finite number)`)
}

function assertList(targets: readonly ContextTarget[], name: string): readonly ContextTarget[] {
  if (!Array.isArray(targets)) throw new TypeError(`${name}() needs a list of targets`)
  return targets
}
