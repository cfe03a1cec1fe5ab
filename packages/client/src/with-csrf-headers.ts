import { csrfHeader } from '@mizan/server/protocol'
import type { HeadersValue } from './client-options.ts'
import type { SessionToken } from './csrf-session.ts'

/**
 * `headers` with the token's: the `mizan-csrf` header, and the cookie added to any the caller
 * sends (an app forwarding its user's cookies keeps them).
 */
export function withCsrfHeaders(headers: HeadersValue, session: SessionToken): HeadersValue {
  if (session.token === null) return headers
  const result: Record<string, string> = { ...headers, [csrfHeader]: session.token }
  if (session.cookie === undefined) return result
  const name = Object.keys(result).find((key) => key.toLowerCase() === 'cookie')
  if (name === undefined) result['cookie'] = session.cookie
  else result[name] = `${result[name]}; ${session.cookie}`
  return result
}
