import { MizanError } from '../error.ts'
import { csrfFormField, csrfHeader, sessionRoute } from '../protocol/wire.ts'
import { constantTimeEqual } from './constant-time-equal.ts'
import { assertCookieName, cookieValues, csrfSetCookie } from './csrf-cookie.ts'
import type { CsrfOptions } from './csrf-options.ts'
import { csrfSecrets } from './csrf-secrets.ts'
import { createCsrfTokens } from './csrf-tokens.ts'
import { normalizeOrigins, siteRefusal } from './site-refusal.ts'
import type { SiteRequest } from './site-refusal.ts'

export type CsrfRequest = SiteRequest

/** A token for a page or a client, and the cookie to set when the request had none. */
export interface IssuedToken {
  readonly token: string
  /** A `Set-Cookie` value; undefined when the request's cookie already holds a valid token. */
  readonly setCookie: string | undefined
}

/**
 * The CSRF check of one handler, shared by the RPC path and the adapters' helpers for the app's
 * own routes: signed double-submit (the token in a header or form field, signed by the secret
 * and equal to the cookie) behind the site checks (Origin, Fetch Metadata).
 */
export interface CsrfGuard {
  readonly enabled: boolean
  /** Refuses (CSRF) a request whose site may not write: a foreign Origin, `Sec-Fetch-Site: cross-site`. */
  checkSite(request: CsrfRequest): void
  /**
   * Refuses (CSRF) unless `token` was signed with the secret and equals the request's cookie.
   * Settles at once (throws, or returns undefined) when the token was verified before, as the
   * token of every write but a client's first is: no promise to wait on.
   */
  checkToken(request: CsrfRequest, token: string | undefined): Promise<void> | undefined
  /** The token of the request's cookie when it is valid (so every tab shares one), else a new one; undefined when the check is off. */
  issue(request: CsrfRequest): Promise<IssuedToken | undefined>
}

const defaultCookieName = 'mizan-csrf'

/** Builds the check from the handler's `csrf` option; invalid settings throw here, at startup. */
export function createCsrfGuard(options: CsrfOptions | false | undefined): CsrfGuard {
  if (options === false) return offGuard
  const settings = options ?? {}
  const tokens = createCsrfTokens(csrfSecrets(settings.secret))
  const allowed = normalizeOrigins(settings.allowedOrigins ?? [])
  const cookieName = settings.cookieName ?? defaultCookieName
  assertCookieName(cookieName)
  const secure = (request: CsrfRequest) => settings.secureCookie ?? request.origin?.startsWith('https:') === true

  const validCookie = async (request: CsrfRequest): Promise<string | undefined> => {
    for (const value of cookieValues(request.headers['cookie'], cookieName)) {
      if (await tokens.verify(value)) return value
    }
    return undefined
  }

  const matchCookie = (request: CsrfRequest, token: string): undefined => {
    const cookies = cookieValues(request.headers['cookie'], cookieName)
    if (cookies.length === 0) {
      throw csrfError(`No ${cookieName} cookie came with the CSRF token: send the request with the cookie GET <base>${sessionRoute} set (across origins, fetch with credentials: 'include')`)
    }
    // Every value is compared, so the time taken says nothing about which one came close.
    let matched = false
    for (const cookie of cookies) matched = constantTimeEqual(cookie, token) || matched
    if (!matched) throw csrfError(`The CSRF token does not match the ${cookieName} cookie: send the token that GET <base>${sessionRoute} answered together with the cookie it set`)
    return undefined
  }

  return {
    enabled: true,
    checkSite(request) {
      const refusal = siteRefusal(request, allowed)
      if (refusal) throw csrfError(refusal)
    },
    checkToken(request, token) {
      if (token === undefined || token === '') {
        throw csrfError(
          `No CSRF token: a write must carry the token of GET <base>${sessionRoute} in the ${csrfHeader} header (a Mizan client created with session: csrfSession() sends it itself), or a form its ${csrfFormField} field`,
        )
      }
      const verified = tokens.verify(token)
      if (verified === true) return matchCookie(request, token)
      return verified.then((valid) => {
        if (!valid) {
          throw csrfError(`The CSRF token is not valid: this server's secret did not sign it (it comes from another deployment, or from before the secret changed); get a new one from GET <base>${sessionRoute}`)
        }
        matchCookie(request, token)
      })
    },
    async issue(request) {
      const existing = await validCookie(request)
      if (existing !== undefined) return { token: existing, setCookie: undefined }
      const token = await tokens.issue()
      return { token, setCookie: csrfSetCookie(cookieName, token, secure(request)) }
    },
  }
}

const offGuard: CsrfGuard = {
  enabled: false,
  checkSite() {},
  checkToken() {
    return undefined
  },
  async issue() {
    return undefined
  },
}

function csrfError(message: string): MizanError {
  return new MizanError({ code: 'CSRF', message })
}
