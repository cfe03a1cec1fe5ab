import type { IncomingMessage, ServerResponse } from 'node:http'
import { checkViewPath } from '../csrf/check-view-path.ts'
import { csrfFieldHtml } from '../csrf/csrf-field-html.ts'
import { createCsrfGuard } from '../csrf/csrf-guard.ts'
import type { CsrfRequest, IssuedToken } from '../csrf/csrf-guard.ts'
import { createHttpHandler, outsideBaseResponse } from '../http/create-handler.ts'
import type { HandlerOptions } from '../http/http-types.ts'
import { resolveOptions } from '../http/resolved-options.ts'
import { errorResponse } from '../http/responses.ts'
import { createViewPathWrites } from '../http/view-path-writes.ts'
import { toWireError } from '../http/wire-error.ts'
import type { MaybePromise } from '../procedure.ts'
import type { InvalidationDirective } from '../protocol/directive.ts'
import { invalidateHeader, mutationIdHeader } from '../protocol/wire.ts'
import type { AnyRouter } from '../router.ts'
import type { Targets } from '../target.ts'
import { normalizeEndpoint, pathBelow } from './endpoint-path.ts'
import { sendNodeResponse } from './node-body.ts'
import { nodeFormToken } from './node-form-token.ts'
import type { FormRequest } from './node-form-token.ts'
import { nodeRequestOf } from './node-request.ts'

/** One exchange of a node:http server: what `createContext` and the view-path helpers are given. */
export interface NodeExchange {
  readonly req: IncomingMessage
  readonly res: ServerResponse
}

export interface NodeOptions<TRouter extends AnyRouter> extends HandlerOptions<TRouter> {
  /**
   * Where the handler answers (default `/mizan`): `/mizan/q`, `/mizan/m/...` and only paths below
   * it. Any other request answers a Mizan 404, as the Fetch adapter's do. The path is matched as
   * sent (no dot segments resolved, no percent-decoding), so `/mizan/../q` is the unknown route
   * `/../q` below it, and `/%6Dizan/q` is outside.
   */
  readonly endpoint?: string | undefined
  /** Builds the request context (the user, a database handle...) for each call. */
  readonly createContext: (exchange: NodeExchange) => MaybePromise<TRouter['_types']['ctx']>
}

export interface MizanNodeListener<TCtx = unknown> {
  (req: IncomingMessage, res: ServerResponse): void
  /**
   * For writes outside the router (a form post, a webhook, an upload), as the Express adapter's
   * `invalidate`: the targets resolve as a mutation's, the cache is purged and the write's event
   * published before it settles, and the directives go in `res`'s `Mizan-Invalidate` header.
   * Await it before sending the response; failures to purge or publish go to `onError`.
   *
   * @example await mizan.invalidate({ req, res }, [cart]); res.writeHead(303, { location: '/' }).end()
   */
  invalidate(exchange: NodeExchange, targets: Targets, options?: { readonly ctx?: TCtx }): Promise<readonly InvalidationDirective[]>
  /**
   * The handler's CSRF check for the app's own routes, as the Express adapter's `checkCsrf`: an
   * unparsed urlencoded body is read here (within `maxBodyBytes`) and left parsed in `req.body`;
   * a multipart one must carry its token in the `mizan-csrf` header (or be parsed into `req.body`
   * first).
   */
  checkCsrf(req: IncomingMessage): Promise<void>
  /**
   * A hidden `_csrf` field for a form the server renders; sets the token cookie on `res` when the
   * request had none (call it before the head is sent). One token per request. With
   * `csrf: false`: an empty string.
   */
  csrfField(exchange: NodeExchange): Promise<string>
}

/**
 * Serves a router from Node's own HTTP server, no framework:
 * `http.createServer(mizanNode({ router, createContext: ({ req }) => ({ user: userOf(req) }) }))`.
 * To serve other routes beside it, call the listener for the requests below its endpoint.
 */
export function mizanNode<TRouter extends AnyRouter>(options: NodeOptions<TRouter>): MizanNodeListener<TRouter['_types']['ctx']> {
  const handle = createHttpHandler(options)
  const { bodyTimeoutMs, maxBodyBytes, debug } = resolveOptions(options)
  const endpoint = normalizeEndpoint(options.endpoint ?? '/mizan')
  // An `onError` that throws must not fail a write that happened, nor a response being sent.
  const report = (error: unknown, type: 'mutation' | 'request') => {
    try {
      options.onError?.({ error, type, path: undefined })
    } catch {}
  }
  const viewPathWrite = createViewPathWrites(options.router, (error) => report(error, 'mutation'))

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    const url = req.url ?? '/'
    const queryStart = url.indexOf('?')
    const path = pathBelow(endpoint, queryStart === -1 ? url : url.slice(0, queryStart))
    if (path === undefined) {
      void sendNodeResponse(res, outsideBaseResponse())
      return
    }
    const request = nodeRequestOf(req, res, { url: url.slice(endpoint.length), origin: originOf(req), bodyTimeoutMs })
    handle(request, () => options.createContext({ req, res }))
      .then((response) => sendNodeResponse(res, response))
      .catch((error: unknown) => {
        // A stream cut short (the client left) cannot be answered; anything else gets a 500.
        if (res.headersSent) return void res.destroy()
        report(error, 'request')
        void sendNodeResponse(res, errorResponse(toWireError(error, debug)))
      })
  }

  const invalidate = async ({ req, res }: NodeExchange, targets: Targets, opts: { readonly ctx?: TRouter['_types']['ctx'] } = {}) => {
    const { directives, header } = await viewPathWrite(req, {
      writer: `The write at "${req.method} ${req.url}"`,
      targets,
      mutationId: () => req.headers[mutationIdHeader],
      ctx: () => ('ctx' in opts ? opts.ctx : options.createContext({ req, res })),
    })
    res.setHeader(invalidateHeader, header)
    return directives
  }

  const csrf = createCsrfGuard(options.csrf)
  const csrfRequestOf = (req: IncomingMessage): CsrfRequest => ({ headers: req.headers, origin: originOf(req) })

  const checkCsrf = (req: FormRequest): Promise<void> =>
    checkViewPath(csrf, req.method ?? 'GET', csrfRequestOf(req), () => nodeFormToken(req, maxBodyBytes, bodyTimeoutMs))

  // One token per request: a page with two forms sets one cookie, which both fields match.
  const issued = new WeakMap<IncomingMessage, Promise<IssuedToken | undefined>>()
  const csrfField = async ({ req, res }: NodeExchange): Promise<string> => {
    let issuing = issued.get(req)
    if (!issuing) {
      issuing = csrf.issue(csrfRequestOf(req)).then((token) => {
        if (token?.setCookie !== undefined) res.appendHeader('set-cookie', token.setCookie)
        return token
      })
      issued.set(req, issuing)
    }
    const token = await issuing
    return token ? csrfFieldHtml(token.token) : ''
  }

  return Object.assign(listener, { invalidate, checkCsrf, csrfField })
}

// The scheme and host the request was sent to. A proxy in front must pass the Host header on
// (node:http has no `trust proxy`: forwarded headers are not read).
function originOf(req: IncomingMessage): string | undefined {
  const host = req.headers.host
  if (!host) return undefined
  // An https server's socket is a TLSSocket, whose `encrypted` is true.
  const secure = 'encrypted' in req.socket && req.socket.encrypted === true
  return `${secure ? 'https' : 'http'}://${host}`
}
