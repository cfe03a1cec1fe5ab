/** A secret as the app holds it: text (e.g. from an environment variable) or bytes. */
export type CsrfSecret = string | Uint8Array

/**
 * The CSRF check of writes, on unless the handler is given `csrf: false`. See `HandlerOptions.csrf`.
 *
 * @example mizanExpress({ router, createContext, csrf: { secret: process.env.MIZAN_CSRF_SECRET } })
 */
export interface CsrfOptions {
  /**
   * Signs the tokens (HMAC-SHA256): at least 32 bytes, e.g. `openssl rand -base64 32`. Every
   * instance of the app given the same secret accepts the others' tokens. A list rotates secrets:
   * the first signs new tokens, every one verifies.
   *
   * Without it, a process signs with a random secret of its own (with one warning), which only
   * one instance can use and a restart replaces (clients then fetch a new token, once). With
   * `NODE_ENV=production`, creating the handler without it throws.
   */
  readonly secret?: CsrfSecret | readonly CsrfSecret[] | undefined
  /**
   * Origins besides the server's own that may send writes, e.g. `['https://app.example.com']`
   * for a page served elsewhere (which needs CORS with credentials too). The server's own origin
   * is the host the request was sent to (its `Host`, or with Express's `trust proxy`, the
   * forwarded host), whatever the scheme, so a TLS-terminating proxy needs no entry.
   */
  readonly allowedOrigins?: readonly string[] | undefined
  /**
   * The cookie holding the token (default `mizan-csrf`). On https, `__Host-mizan-csrf` keeps
   * sibling subdomains from setting it (browsers then require `Secure`, set by `secureCookie`).
   */
  readonly cookieName?: string | undefined
  /**
   * Marks the cookie `Secure`. By default it is when the request came over https; behind a
   * TLS-terminating proxy that Express does not trust (`trust proxy`), set `true`.
   */
  readonly secureCookie?: boolean | undefined
}
