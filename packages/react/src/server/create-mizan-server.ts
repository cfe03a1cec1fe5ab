import { skipToken } from '@tanstack/react-query'
import type { QueryFunctionContext } from '@tanstack/react-query'
import { infiniteQueryKeyOf, queryKeyOf } from '../query-key.ts'
import type { ReadRequest } from '../read-query.ts'
import { readInProcess } from './read-in-process.ts'
import type { InProcessRouter, InProcessTarget } from './read-in-process.ts'
import type { MizanServer } from './server-types.ts'
import { pathProxy } from '../path-proxy.ts'

export interface MizanServerOptions<TRouter extends InProcessRouter> {
  readonly router: TRouter
  /** This request's context, as the HTTP handler's `createContext` would make it. */
  readonly ctx: TRouter['_types']['ctx']
}

/**
 * Query options for one request on the server, with the very keys the browser's
 * `createMizanReact` makes (the router's transformer is the client's), and query functions that
 * call the router in process: no HTTP, same middleware and validation. Make one per request,
 * with that request's context.
 *
 * @example
 * const mizan = createMizanServer({ router: appRouter, ctx: { user } })
 * await queryClient.prefetchQuery(mizan.project.queryOptions({ id: 7 }))
 */
export function createMizanServer<TRouter extends InProcessRouter>({ router, ctx }: MizanServerOptions<TRouter>): MizanServer<TRouter> {
  const target: InProcessTarget = { router, ctx, transformer: router._def.config.transformer }
  const { transformer } = target
  const helpers = new Map<string, unknown>()

  const read = (path: string, input: unknown, request: ReadRequest | undefined) => (context: QueryFunctionContext) =>
    readInProcess(target, path, input, context, request?.signal)

  const helpersOf = (path: string) => {
    let found = helpers.get(path)
    if (found) return found
    found = {
      queryKey: (params?: unknown) => queryKeyOf(path, params, transformer),
      queryOptions: (params?: unknown, { request, ...overrides }: { request?: ReadRequest } = {}) => ({
        // skipToken: a disabled query, keyed like the context without params, as in the browser.
        queryKey: queryKeyOf(path, params === skipToken ? undefined : params, transformer),
        queryFn: params === skipToken ? skipToken : read(path, params, request),
        ...serverDefaults,
        ...overrides,
      }),
      infiniteQueryOptions: (params: object, overrides: object) => ({
        queryKey: infiniteQueryKeyOf(path, params, transformer),
        queryFn: (context: QueryFunctionContext<readonly unknown[], unknown>) =>
          readInProcess(target, path, { ...params, cursor: context.pageParam }, context),
        ...serverDefaults,
        ...overrides,
      }),
      infiniteQueryKey: (params: unknown) => infiniteQueryKeyOf(path, params, transformer),
      queryFilter: (params?: unknown, filters?: object) => ({ ...filters, queryKey: queryKeyOf(path, params, transformer) }),
    }
    helpers.set(path, found)
    return found
  }

  return pathProxy([], helpersOf) as MizanServer<TRouter>
}

const serverDefaults = {
  // One request's QueryClient: a second prefetch of the same query reuses the first answer.
  staleTime: Number.POSITIVE_INFINITY,
  // A failed read is left out of the page and the browser reads it again; retrying here only
  // holds the response back.
  retry: false,
} as const
