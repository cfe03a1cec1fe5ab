import type { NextFunction, Request, Response } from 'express'
import { createHttpHandler } from '../http/create-handler.ts'
import type { HandlerOptions } from '../http/http-types.ts'
import { resolveOptions } from '../http/resolved-options.ts'
import type { MaybePromise } from '../procedure.ts'
import type { InvalidationDirective } from '../protocol/directive.ts'
import { invalidateHeader } from '../protocol/wire.ts'
import type { AnyRouter } from '../router.ts'
import type { Targets } from '../target.ts'
import { createNoticeBuilder } from '../http/view-path-notice.ts'
import { createEarlierParserWarning } from './earlier-parser-warning.ts'
import { readNodeBody, sendNodeResponse } from './node-body.ts'

export interface ExpressOptions<TRouter extends AnyRouter> extends HandlerOptions<TRouter> {
  /** Builds the request context (the user, a database handle...) for each call. */
  readonly createContext: (opts: { req: Request; res: Response }) => MaybePromise<TRouter['_types']['ctx']>
}

export interface MizanExpressMiddleware<TCtx = unknown> {
  (req: Request, res: Response, next: NextFunction): void
  /**
   * For writes outside the router (a form post, a webhook, an upload): resolves the targets
   * exactly as a mutation's, purges the result cache as a mutation does (for the user of the
   * request context: `ctx` when given, else `createContext` is called), and adds them to the
   * response's `Mizan-Invalidate` header, which the client runtime applies. Await it before
   * sending the response.
   *
   * @example app.post('/cart/clear', async (req, res) => { await clearCart(); await mizan.invalidate(req, [cart]); res.redirect('/') })
   */
  invalidate(req: Request, targets: Targets, options?: { readonly ctx?: TCtx }): Promise<readonly InvalidationDirective[]>
}

/**
 * Serves a router from Express 5: `app.use('/mizan', mizanExpress({ router, createContext }))`.
 * Mount it before `express.json()`: a parser that runs first still works, but its own size limit,
 * strict mode and empty-body handling then apply, so Mizan warns once when it sees one.
 */
export function mizanExpress<TRouter extends AnyRouter>(options: ExpressOptions<TRouter>): MizanExpressMiddleware<TRouter['_types']['ctx']> {
  const handle = createHttpHandler(options)
  const { bodyTimeoutMs } = resolveOptions(options)
  const notices = createNoticeBuilder(options.router)
  const warnIfParsedBefore = createEarlierParserWarning()

  const middleware = (req: Request, res: Response, next: NextFunction): void => {
    warnIfParsedBefore(req)
    const url = req.url
    const queryStart = url.indexOf('?')
    const controller = new AbortController()
    res.once('close', () => {
      if (!res.writableFinished) controller.abort()
    })
    const request = {
      method: req.method,
      path: queryStart === -1 ? url : url.slice(0, queryStart),
      query: queryStart === -1 ? '' : url.slice(queryStart + 1),
      headers: req.headers,
      readBody: (limit: number) => readNodeBody(req, limit, bodyTimeoutMs),
      parsedBody: req.body === undefined ? undefined : { value: req.body as unknown },
      signal: controller.signal,
    }
    handle(request, () => options.createContext({ req, res }))
      .then((response) => sendNodeResponse(res, response))
      .catch((error: unknown) => (res.headersSent ? res.destroy() : next(error)))
  }

  const invalidate = async (req: Request, targets: Targets, opts: { readonly ctx?: TRouter['_types']['ctx'] } = {}) => {
    const { directives, header } = notices.add(req, `The write at "${req.method} ${req.originalUrl}"`, targets)
    await notices.purge(directives, () => ('ctx' in opts ? opts.ctx : options.createContext({ req, res: req.res as Response })))
    req.res?.setHeader(invalidateHeader, header)
    return directives
  }

  return Object.assign(middleware, { invalidate })
}
