import { createCsrfGuard } from '../csrf/csrf-guard.ts'
import { MizanError } from '../error.ts'
import { isThenable } from '../is-thenable.ts'
import type { MaybePromise } from '../procedure.ts'
import { csrfHeader, devtoolsMapRoute, eventsRoute, mutationRoute, queryRoute, sessionRoute } from '../protocol/wire.ts'
import type { AnyRouter } from '../router.ts'
import { getRouterIndex } from '../router-index.ts'
import { inputBudget } from './bound-input.ts'
import { decodingTransformer } from './deserialize-input.ts'
import { devtoolsMap } from './devtools-map.ts'
import { answerBundle, readBundle } from './handle-bundle.ts'
import { answerEvents } from './handle-events.ts'
import { HttpCall } from './http-call.ts'
import { answerMutation, findMutation, mutationIdOf, mutationInputOf } from './handle-mutation.ts'
import { answerSession } from './handle-session.ts'
import type { ErrorSource, HandlerOptions, HttpRequest, HttpResponse } from './http-types.ts'
import { readJsonBody } from './read-json-body.ts'
import { errorResponse } from './responses.ts'
import { resolveOptions } from './resolved-options.ts'
import { toWireError } from './wire-error.ts'

type RouterContext<TRouter extends AnyRouter> = TRouter['_types']['ctx']

/** Answers one request; `createContext` runs once the request is known to be well-formed. */
export type HttpHandler<TRouter extends AnyRouter> = (
  request: HttpRequest,
  createContext: () => MaybePromise<RouterContext<TRouter>>,
) => Promise<HttpResponse>

/**
 * The framework-agnostic core: a plain request in, a plain response out. Adapters (Express,
 * Fetch) only translate. Creating it checks the router's invalidation targets and the CSRF
 * settings (startup errors). The CSRF check lives here, so every adapter has it.
 */
export function createHttpHandler<TRouter extends AnyRouter>(options: HandlerOptions<TRouter>): HttpHandler<TRouter> {
  const index = getRouterIndex(options.router)
  const { transformer } = options.router._def.config
  const resolved = resolveOptions(options)
  const csrf = createCsrfGuard(options.csrf)
  const map = devtoolsMap(index, options.devtools)

  const fail = (error: unknown, type: ErrorSource, path: string | undefined) => {
    resolved.onError?.({ error, type, path })
    return toWireError(error, resolved.debug)
  }

  // A request-level failure: its error's status, and a connection that cannot be reused when a
  // body did not arrive in time (it was left unread).
  const refuse = (error: unknown): HttpResponse => {
    const wire = fail(error, 'request', undefined)
    return errorResponse(wire, wire.code === 'TIMEOUT' ? { connection: 'close' } : undefined)
  }

  // A write is a chain of promises rather than an async function: a small write, whose steps
  // are mostly synchronous, makes fewer of them, and each costs a busy server's writes.
  const answerWrite = (request: HttpRequest, createContext: () => MaybePromise<RouterContext<TRouter>>): Promise<HttpResponse> => {
    try {
      if (request.method !== 'POST') return Promise.resolve(methodNotAllowed('POST'))
      // Before anything of the write is looked at: the body, the app's context, its code.
      csrf.checkSite(request)
      // A token verified before passes at once: no wait (see `checkToken`).
      const checking = csrf.checkToken(request, singleHeader(request.headers[csrfHeader]))
      const run = (): Promise<HttpResponse> => {
        const id = mutationIdOf(request)
        const mutationPath = decodePath(request.path.slice(mutationRoute.length))
        const def = findMutation(index, mutationPath)
        const decoding = decodingTransformer(transformer, inputBudget(resolved))
        return readJsonBody(request, resolved.maxBodyBytes).then((body) => {
          const rawInput = mutationInputOf(body, decoding)
          const answerWith = (ctx: RouterContext<TRouter>) =>
            answerMutation(index, decoding, def, new HttpCall(ctx, rawInput, mutationPath, request), id, (error) => fail(error, 'mutation', mutationPath))
          // What is synchronous is not waited for.
          const made = createContext()
          return isThenable(made) ? Promise.resolve(made).then(answerWith) : answerWith(made)
        })
      }
      return (checking ? checking.then(run) : run()).catch(refuse)
    } catch (error) {
      return Promise.resolve(refuse(error))
    }
  }

  // Every other route.
  const answerOther = async (request: HttpRequest, createContext: () => MaybePromise<RouterContext<TRouter>>): Promise<HttpResponse> => {
    const { method, path } = request
    try {
      if (path === queryRoute) {
        if (method !== 'GET' && method !== 'POST') return methodNotAllowed('GET, POST')
        // Reads change nothing, so they need no token; but only the client sends a bundle as a
        // POST, so one that another site sent is refused (no work done for it, nothing measured).
        if (method === 'POST') csrf.checkSite(request)
        const items = await readBundle(request, resolved)
        const ctx = await createContext()
        // One budget for the whole request: bundle items share it.
        const decoding = decodingTransformer(transformer, inputBudget(resolved))
        return await answerBundle(index, decoding, items, ctx, request, (error, itemPath) => ({
          error: fail(error, 'context', itemPath),
        }))
      }
      if (path === sessionRoute) {
        if (method !== 'GET') return methodNotAllowed('GET')
        return await answerSession(csrf, request)
      }
      if (path === eventsRoute) {
        if (method !== 'GET') return methodNotAllowed('GET')
        return await answerEvents(index, request, createContext)
      }
      if (path === devtoolsMapRoute && map) {
        if (method !== 'GET') return methodNotAllowed('GET')
        return map()
      }
      throw notFound()
    } catch (error) {
      return refuse(error)
    }
  }

  return (request, createContext) => (request.path.startsWith(mutationRoute) ? answerWrite(request, createContext) : answerOther(request, createContext))
}

/**
 * The answer to a request that is not below the handler's base path (the Fetch adapter sees
 * every request of its runtime): a Mizan 404, as for an unknown route below it.
 */
export function outsideBaseResponse(): HttpResponse {
  return errorResponse(toWireError(notFound(), false))
}

function notFound(): MizanError {
  return new MizanError({ code: 'NOT_FOUND', message: 'No Mizan route at this path' })
}

function methodNotAllowed(allow: string): HttpResponse {
  const error = new MizanError({ code: 'METHOD_NOT_SUPPORTED', message: `Use ${allow.replace(', ', ' or ')} here` })
  return errorResponse(toWireError(error, false), { allow })
}

// A repeated header arrives as a list (or joined with commas): no token either way.
function singleHeader(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined
}

function decodePath(raw: string): string {
  // Most paths are plain names: nothing to decode.
  if (!raw.includes('%')) return raw
  try {
    return decodeURIComponent(raw)
  } catch {
    throw new MizanError({ code: 'NOT_FOUND', message: 'No such mutation' })
  }
}
