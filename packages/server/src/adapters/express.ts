import type { NextFunction, Request, Response } from 'express'
import { checkViewPath } from '../csrf/check-view-path.ts'
import { csrfFieldHtml } from '../csrf/csrf-field-html.ts'
import { createCsrfGuard } from '../csrf/csrf-guard.ts'
import type { CsrfRequest, IssuedToken } from '../csrf/csrf-guard.ts'
import { createHttpHandler } from '../http/create-handler.ts'
import type { HandlerOptions } from '../http/http-types.ts'
import { resolveOptions } from '../http/resolved-options.ts'
import type { MaybePromise } from '../procedure.ts'
import type { InvalidationDirective } from '../protocol/directive.ts'
import { invalidateHeader, mutationIdHeader } from '../protocol/wire.ts'
import type { AnyRouter } from '../router.ts'
import type { Targets } from '../target.ts'
import { createViewPathWrites } from '../http/view-path-writes.ts'
import { createEarlierParserWarning } from './earlier-parser-warning.ts'
import { sendNodeResponse } from './node-body.ts'
import { nodeFormToken } from './node-form-token.ts'
import { nodeRequestOf } from './node-request.ts'

export interface ExpressOptions<TRouter extends AnyRouter> extends HandlerOptions<TRouter> {
  /** Builds the request context (the user, a database handle...) for each call. */
  readonly createContext: (opts: { req: Request; res: Response }) => MaybePromise<TRouter['_types']['ctx']>
}

export interface MizanExpressMiddleware<TCtx = unknown> {
  (req: Request, res: Response, next: NextFunction): void
  /**
   * For writes outside the router (a form post, a webhook, an upload): resolves the targets
   * exactly as a mutation's and has the same effects, for the user of the request context (`ctx`
   * when given, else `createContext` is called): the result cache is purged and the write's event
   * is published to the event streams, before it settles. The directives go in the response's
   * `Mizan-Invalidate` header too, which the client runtime applies (a redirect still publishes
   * the event). Await it before sending the response. A `Mizan-Mutation-Id` request header, when
   * well-formed, is the write's id. Failures to purge or publish go to `onError`, never thrown.
   *
   * @example app.post('/cart/clear', async (req, res) => { await clearCart(); await mizan.invalidate(req, [cart]); res.redirect('/') })
   */
  invalidate(req: Request, targets: Targets, options?: { readonly ctx?: TCtx }): Promise<readonly InvalidationDirective[]>
  /**
   * Middleware running the handler's CSRF check on the app's own routes (form posts, uploads):
   * see `checkCsrf`. A refused request goes to the app's error handler as a `MizanError` (code
   * `CSRF`, status 403; Express's default handler answers 403).
   *
   * @example app.post('/projects/rename', mizan.csrf, async (req, res) => { ... })
   */
  csrf(req: Request, res: Response, next: NextFunction): void
  /**
   * The handler's CSRF check for one request of the app's own routes: rejects with a `MizanError`
   * (code `CSRF`, status 403) when its Origin or `Sec-Fetch-Site` say another site sent it, or
   * when it carries no valid token equal to its cookie, in the `mizan-csrf` header or a form's
   * `_csrf` field. The field is read from a body a parser already parsed; an unparsed urlencoded
   * body is parsed here (as `express.urlencoded({ extended: false })` would, into `req.body`;
   * mount a parser first for other shapes), a multipart one needs its parser (e.g. multer)
   * mounted first. GET, HEAD and OPTIONS pass; so does everything when the handler has
   * `csrf: false`.
   */
  checkCsrf(req: Request): Promise<void>
  /**
   * A hidden field holding the token, for a form the server renders (one that works without
   * JavaScript); sets the token cookie on `req.res` when the request had none (call it before
   * the response is sent). One token per request, however often it is called. With
   * `csrf: false`: an empty string.
   *
   * @example res.send(`<form method="post" action="/projects/rename">${await mizan.csrfField(req)}...</form>`)
   */
  csrfField(req: Request): Promise<string>
}

/**
 * Serves a router from Express 5: `app.use('/mizan', mizanExpress({ router, createContext }))`.
 * Mount it before `express.json()`: a parser that runs first still works, but its own size limit,
 * strict mode and empty-body handling then apply, so Mizan warns once when it sees one.
 */
export function mizanExpress<TRouter extends AnyRouter>(options: ExpressOptions<TRouter>): MizanExpressMiddleware<TRouter['_types']['ctx']> {
  const handle = createHttpHandler(options)
  const { bodyTimeoutMs, maxBodyBytes } = resolveOptions(options)
  const viewPathWrite = createViewPathWrites(options.router, (error) => {
    // An `onError` that throws must not fail a write that happened.
    try {
      options.onError?.({ error, type: 'mutation', path: undefined })
    } catch {}
  })
  const warnIfParsedBefore = createEarlierParserWarning()

  const middleware = (req: Request, res: Response, next: NextFunction): void => {
    warnIfParsedBefore(req)
    // Below the mount point, Express gives the rest of the URL as `req.url`.
    const request = nodeRequestOf(req, res, {
      url: req.url,
      origin: originOf(req),
      bodyTimeoutMs,
      parsedBody: req.body === undefined ? undefined : { value: req.body as unknown },
    })
    handle(request, () => options.createContext({ req, res }))
      .then((response) => sendNodeResponse(res, response))
      .catch((error: unknown) => (res.headersSent ? res.destroy() : next(error)))
  }

  const invalidate = async (req: Request, targets: Targets, opts: { readonly ctx?: TRouter['_types']['ctx'] } = {}) => {
    const { directives, header } = await viewPathWrite(req, {
      writer: `The write at "${req.method} ${req.originalUrl}"`,
      targets,
      mutationId: () => req.headers[mutationIdHeader],
      ctx: () => ('ctx' in opts ? opts.ctx : options.createContext({ req, res: req.res as Response })),
    })
    req.res?.setHeader(invalidateHeader, header)
    return directives
  }

  const csrf = createCsrfGuard(options.csrf)
  const csrfRequestOf = (req: Request): CsrfRequest => ({ headers: req.headers, origin: originOf(req) })

  const checkCsrf = (req: Request): Promise<void> =>
    checkViewPath(csrf, req.method, csrfRequestOf(req), () => nodeFormToken(req, maxBodyBytes, bodyTimeoutMs))

  const csrfMiddleware = (req: Request, _res: Response, next: NextFunction): void => {
    checkCsrf(req).then(() => next(), next)
  }

  // One token per request: a page with two forms sets one cookie, which both fields match.
  const issued = new WeakMap<Request, Promise<IssuedToken | undefined>>()
  const csrfField = async (req: Request): Promise<string> => {
    let issuing = issued.get(req)
    if (!issuing) {
      issuing = csrf.issue(csrfRequestOf(req)).then((token) => {
        if (token?.setCookie !== undefined) req.res?.append('set-cookie', token.setCookie)
        return token
      })
      issued.set(req, issuing)
    }
    const token = await issuing
    return token ? csrfFieldHtml(token.token) : ''
  }

  return Object.assign(middleware, { invalidate, csrf: csrfMiddleware, checkCsrf, csrfField })
}

// The scheme and host the browser addressed: with `trust proxy`, what the proxy forwarded.
function originOf(req: Request): string | undefined {
  const host = req.host
  return host ? `${req.protocol}://${host}` : undefined
}
