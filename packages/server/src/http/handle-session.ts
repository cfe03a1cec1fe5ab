import type { CsrfGuard } from '../csrf/csrf-guard.ts'
import type { SessionAnswer } from '../protocol/wire.ts'
import type { HttpRequest, HttpResponse } from './http-types.ts'
import { jsonResponse } from './responses.ts'

/**
 * Answers `GET {base}/session`: the CSRF token, with its cookie when the request had no valid
 * one (a valid one is kept, so the tabs of one browser share a token and none invalidates
 * another's). With the check off, `{ token: null }`: the client then sends no token.
 */
export async function answerSession(guard: CsrfGuard, request: HttpRequest): Promise<HttpResponse> {
  const issued = await guard.issue(request)
  const answer: SessionAnswer = { token: issued?.token ?? null }
  return jsonResponse(200, answer, issued?.setCookie === undefined ? undefined : { 'set-cookie': issued.setCookie })
}
