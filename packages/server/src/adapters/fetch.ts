import { checkViewPath } from '../csrf/check-view-path.ts'
import { csrfFieldHtml } from '../csrf/csrf-field-html.ts'
import { createCsrfGuard } from '../csrf/csrf-guard.ts'
import type { CsrfRequest, IssuedToken } from '../csrf/csrf-guard.ts'
import { createHttpHandler, outsideBaseResponse } from '../http/create-handler.ts'
import type { HandlerOptions, HeaderRecord, HttpBody, HttpResponse } from '../http/http-types.ts'
import { resolveOptions } from '../http/resolved-options.ts'
import { createViewPathWrites } from '../http/view-path-writes.ts'
import type { MaybePromise } from '../procedure.ts'
import type { InvalidationDirective } from '../protocol/directive.ts'
import { invalidateHeader, mutationIdHeader } from '../protocol/wire.ts'
import type { AnyRouter } from '../router.ts'
import type { Targets } from '../target.ts'
import { normalizeEndpoint, pathBelow } from './endpoint-path.ts'
import { fetchFormToken } from './fetch-form-token.ts'
import { readFetchBody } from './read-fetch-body.ts'

export interface FetchOptions<TRouter extends AnyRouter> extends HandlerOptions<TRouter> {
  /**
   * Where the handler is mounted: `/mizan` serves `/mizan/q` and `/mizan/m/...`, and only paths
   * below it, as an Express mount would. Any other request (`/q`, `/mizanx/q`) answers a Mizan
   * 404. Paths are routed as the runtime's URL parser gives them: dot segments are already
   * resolved (`/mizan/m/../q` arrives as `/mizan/q`, as every fetch client sends it), so a path
   * that resolves outside the endpoint is outside it.
   */
  readonly endpoint: string
  readonly createContext: (opts: { request: Request }) => MaybePromise<TRouter['_types']['ctx']>
}

/** What a view-path write gives the app: its directives, and the headers to put on its own response. */
export interface FetchInvalidation {
  readonly directives: readonly InvalidationDirective[]
  readonly headers: { readonly 'mizan-invalidate': string }
}

/** A token for a form rendered on the server, and the headers to put on the page's response. */
export interface CsrfField {
  readonly token: string
  /** `<input type="hidden" name="_csrf" value="...">`, for inside the form. */
  readonly html: string
  /** `set-cookie` when the request had no valid token cookie yet; empty otherwise. */
  readonly headers: Readonly<Record<string, string>>
}

export interface MizanFetchHandler<TCtx = unknown> {
  (request: Request): Promise<Response>
  /**
   * For writes outside the router (a form post, a webhook, an upload): resolves the targets
   * exactly as a mutation's and has the same effects, for the user of the request context (`ctx`
   * when given, else `createContext` is called): the result cache is purged and the write's event
   * is published to the event streams, before it settles. Put the returned `headers` on the
   * response (the client runtime applies them); a redirect still publishes the event. Several
   * calls for one request share one header value (the last one holds them all). A
   * `Mizan-Mutation-Id` request header, when well-formed, is the write's id. Failures to purge
   * or publish go to `onError`, never thrown.
   *
   * @example
   * const { headers } = await handler.invalidate(request, [cart])
   * return new Response(null, { status: 303, headers: { location: '/', ...headers } })
   */
  invalidate(request: Request, targets: Targets, options?: { readonly ctx?: TCtx }): Promise<FetchInvalidation>
  /**
   * The handler's CSRF check for the app's own routes (a form post, an upload): rejects with a
   * `MizanError` (code `CSRF`, status 403) when the request's Origin or `Sec-Fetch-Site` say
   * another site sent it, or when it carries no valid token equal to its cookie, in the
   * `mizan-csrf` header or a urlencoded or multipart form's `_csrf` field (read from a clone,
   * within `maxBodyBytes`: the request's body stays unread). GET, HEAD and OPTIONS pass; so does
   * everything when the handler has `csrf: false`.
   *
   * @example
   * try { await handler.checkCsrf(request) } catch (error) { return new Response('Refused', { status: 403 }) }
   */
  checkCsrf(request: Request): Promise<void>
  /**
   * A hidden field holding the token, for a form the server renders (one that works without
   * JavaScript), with the cookie to set when the request had none; one token per request, however
   * often it is called. With `csrf: false`: an empty field and no headers.
   *
   * @example
   * const csrf = await handler.csrfField(request)
   * return new Response(`<form method="post">${csrf.html}...</form>`, { headers: { 'content-type': 'text/html', ...csrf.headers } })
   */
  csrfField(request: Request): Promise<CsrfField>
}

/**
 * Serves a router with the Fetch API alone, for Hono, Next route handlers, Bun, Deno and
 * workers: `const handler = mizanFetch({ router, endpoint: '/mizan', createContext })`.
 */
export function mizanFetch<TRouter extends AnyRouter>(options: FetchOptions<TRouter>): MizanFetchHandler<TRouter['_types']['ctx']> {
  const handle = createHttpHandler(options)
  const { bodyTimeoutMs, maxBodyBytes } = resolveOptions(options)
  const endpoint = normalizeEndpoint(options.endpoint)
  const viewPathWrite = createViewPathWrites(options.router, (error) => {
    // An `onError` that throws must not fail a write that happened.
    try {
      options.onError?.({ error, type: 'mutation', path: undefined })
    } catch {}
  })

  const handler = async (request: Request): Promise<Response> => {
    const url = new URL(request.url)
    const path = pathBelow(endpoint, url.pathname)
    if (path === undefined) return toFetchResponse(outsideBaseResponse())
    const response = await handle(
      {
        method: request.method,
        path,
        query: url.search.slice(1),
        headers: headerRecordOf(request),
        origin: url.origin,
        readBody: (limit) => readFetchBody(request, limit, bodyTimeoutMs),
        signal: request.signal,
      },
      () => options.createContext({ request }),
    )
    return toFetchResponse(response)
  }

  const invalidate = async (request: Request, targets: Targets, opts: { readonly ctx?: TRouter['_types']['ctx'] } = {}): Promise<FetchInvalidation> => {
    const { directives, header } = await viewPathWrite(request, {
      writer: `The write at "${request.method} ${describeUrl(request.url)}"`,
      targets,
      mutationId: () => request.headers.get(mutationIdHeader) ?? undefined,
      ctx: () => ('ctx' in opts ? opts.ctx : options.createContext({ request })),
    })
    return { directives, headers: { [invalidateHeader]: header } }
  }

  const csrf = createCsrfGuard(options.csrf)
  const csrfRequestOf = (request: Request): CsrfRequest => ({ headers: headerRecordOf(request), origin: new URL(request.url).origin })

  const checkCsrf = (request: Request): Promise<void> =>
    checkViewPath(csrf, request.method, csrfRequestOf(request), () => fetchFormToken(request, maxBodyBytes, bodyTimeoutMs))

  // One token per request: a page with two forms sets one cookie, which both fields match.
  const issued = new WeakMap<Request, Promise<IssuedToken | undefined>>()
  const csrfField = async (request: Request): Promise<CsrfField> => {
    let issuing = issued.get(request)
    if (!issuing) issued.set(request, (issuing = csrf.issue(csrfRequestOf(request))))
    const token = await issuing
    if (!token) return { token: '', html: '', headers: {} }
    return { token: token.token, html: csrfFieldHtml(token.token), headers: token.setCookie === undefined ? {} : { 'set-cookie': token.setCookie } }
  }

  return Object.assign(handler, { invalidate, checkCsrf, csrfField })
}

function headerRecordOf(request: Request): HeaderRecord {
  const headers: Record<string, string> = {}
  request.headers.forEach((value, name) => {
    headers[name] = value
  })
  return headers
}

function describeUrl(href: string): string {
  const url = new URL(href)
  return `${url.pathname}${url.search}`
}

function toFetchResponse(response: HttpResponse): Response {
  const { connection: _hopByHop, ...headers } = response.headers
  return new Response(toBodyInit(response.body), { status: response.status, headers })
}

/**
 * A streamed body as a web stream, pulled as the client reads. Cancelling it (the client went
 * away) returns the iterator, which ends an event stream; a pull still waiting then finds the
 * stream closed and stops.
 */
function toBodyInit(body: HttpBody): BodyInit {
  if (typeof body === 'string' || body instanceof Uint8Array) return body as BodyInit
  const iterator = body[Symbol.asyncIterator]()
  const encoder = new TextEncoder()
  let cancelled = false
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await iterator.next()
      if (cancelled) return
      if (done) controller.close()
      else controller.enqueue(typeof value === 'string' ? encoder.encode(value) : value)
    },
    async cancel() {
      cancelled = true
      await iterator.return?.()
    },
  })
}
