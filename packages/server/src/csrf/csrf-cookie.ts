// RFC 6265's cookie-name token: what a Set-Cookie header can carry unquoted.
const cookieNamePattern = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

/** Refuses, at startup, a cookie name no browser would store. */
export function assertCookieName(name: string): void {
  if (!cookieNamePattern.test(name)) throw new Error(`[mizan] csrf.cookieName "${name}" is not a cookie name (letters, digits and !#$%&'*+-.^_\`|~ only)`)
}

/**
 * The cookie of a token: `HttpOnly`, since pages read the token from the session answer (or the
 * form field), never from the cookie; `SameSite=Lax`, so another site's requests carry it only
 * on top-level navigations, which are reads; `Path=/`, so the app's own form routes get it too.
 */
export function csrfSetCookie(name: string, token: string, secure: boolean): string {
  return `${name}=${token}; Path=/; SameSite=Lax; HttpOnly${secure ? '; Secure' : ''}`
}

/** Every value of cookie `name` in a Cookie header: a browser sends one per matching path and domain. */
export function cookieValues(header: string | readonly string[] | undefined, name: string): string[] {
  if (header === undefined) return []
  const text = typeof header === 'string' ? header : header.join('; ')
  const values: string[] = []
  // Pair by pair without splitting the header (every write reads it). The next `=` is looked for
  // only once the last one found is behind: a header of many pairs without one stays linear.
  let separator = -1
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf(';', start)
    if (end === -1) end = text.length
    if (separator < start) separator = text.indexOf('=', start)
    if (separator === -1) break
    if (separator < end && isNameAt(text, start, separator, name)) values.push(text.slice(separator + 1, end).trim())
    start = end + 1
  }
  return values
}

// Whether the pair's name (from `start` to `separator`, without the spaces `trim` would remove)
// is `name`: compared in place, with no substring made for each pair of every write's header.
function isNameAt(text: string, start: number, separator: number, name: string): boolean {
  let from = start
  while (from < separator && isTrimmed(text.charCodeAt(from))) from++
  let to = separator
  while (to > from && isTrimmed(text.charCodeAt(to - 1))) to--
  return to - from === name.length && text.startsWith(name, from)
}

// What `String.prototype.trim` removes, in the Latin-1 range Node decodes header values to.
function isTrimmed(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 160
}
