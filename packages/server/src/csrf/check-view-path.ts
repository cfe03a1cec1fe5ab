import { csrfHeader } from '../protocol/wire.ts'
import type { CsrfGuard, CsrfRequest } from './csrf-guard.ts'

// Requests that change nothing need no token (as RPC reads need none).
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * The check of a write to one of the app's own routes, shared by the adapters: the site checks
 * first (no body read for a foreign request), then the token of the `mizan-csrf` header, else
 * the one `formToken` finds in the body (each adapter reads forms its own way).
 */
export async function checkViewPath(guard: CsrfGuard, method: string, request: CsrfRequest, formToken: () => Promise<string | undefined>): Promise<void> {
  if (!guard.enabled || safeMethods.has(method)) return
  guard.checkSite(request)
  const header = request.headers[csrfHeader]
  await guard.checkToken(request, typeof header === 'string' ? header : await formToken())
}
