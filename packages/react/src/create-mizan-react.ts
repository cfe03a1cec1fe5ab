import { skipToken, useMutation, useQuery } from '@tanstack/react-query'
import type { Query, QueryClient, QueryFunctionContext } from '@tanstack/react-query'
import { jsonTransformer } from '@mizan/client'
import type { AnyRouter, Transformer } from '@mizan/client'
import { retryUnlessClientError } from './defaults.ts'
import { liveOrDefaultStaleTime } from './live-stale-time.ts'
import { infiniteQueryKeyOf, queryKeyOf } from './query-key.ts'
import type { MizanReact } from './react-types.ts'
import { sendMutation } from './send-mutation.ts'
import type { MutationRequest } from './send-mutation.ts'
import { readQuery } from './read-query.ts'
import type { ReadRequest } from './read-query.ts'
import { pathProxy } from './path-proxy.ts'

export interface MizanReactOptions {
  /** The transformer of the client (e.g. superjson): keys hold inputs in its JSON form. */
  readonly transformer?: Transformer
  /**
   * How long Mizan data counts as fresh. Writes announce what they change, so it can be long: it
   * only bounds how late other users' writes are seen. By default 30 s, and forever for the
   * queries of a client with live events (`events: liveEvents()`), which hear of every write.
   */
  readonly staleTime?: number
  /**
   * Whether writes stay pending until the queries they invalidated have refetched (default
   * false); `mutationOptions({ awaitInvalidation })` decides for one mutation.
   */
  readonly awaitInvalidation?: boolean
}

/**
 * Option factories for React Query's own hooks, typed from the router's type alone.
 *
 * @example
 * const mizan = createMizanReact<AppRouter>({ transformer: superjson })
 * const { data } = useQuery(mizan.project.queryOptions({ id: 7 }))
 * const rename = useMutation(mizan.renameProject.mutationOptions())
 */
export function createMizanReact<TRouter extends AnyRouter>(options: MizanReactOptions = {}): MizanReact<TRouter> {
  const transformer = options.transformer ?? jsonTransformer
  const staleTime = options.staleTime ?? liveOrDefaultStaleTime
  const helpers = new Map<string, unknown>()

  const queryOptions = (path: string, params: unknown, { request, ...overrides }: { request?: ReadRequest } = {}) => ({
    // skipToken: a disabled query, keyed like the context without params.
    queryKey: queryKeyOf(path, params === skipToken ? undefined : params, transformer),
    queryFn: params === skipToken ? skipToken : (context: QueryFunctionContext) => readQuery(path, params, context, request),
    staleTime,
    retry: retryUnlessClientError,
    ...overrides,
  })

  const mutationOptions = (
    path: string,
    { request, awaitInvalidation = options.awaitInvalidation ?? false, ...overrides }: { request?: MutationRequest<unknown>; awaitInvalidation?: boolean } = {},
  ) => ({
    mutationKey: ['mizan', path],
    mutationFn: (input: unknown, context: { client: QueryClient }) => sendMutation(context.client, path, input, request, awaitInvalidation),
    retry: false,
    ...overrides,
  })

  // Built once per path and kept, so a component gets the same functions on every render.
  const helpersOf = (path: string) => {
    let found = helpers.get(path)
    if (found) return found
    const ofPath = {
      queryKey: (params?: unknown) => queryKeyOf(path, params, transformer),
      queryOptions: (params?: unknown, overrides?: object) => queryOptions(path, params, overrides),
      useQuery: (params?: unknown, overrides?: object) => useQuery(queryOptions(path, params, overrides) as never),
      infiniteQueryOptions: (params: object, overrides: object) => ({
        queryKey: infiniteQueryKeyOf(path, params, transformer),
        queryFn: (context: QueryFunctionContext<readonly unknown[], unknown>) => readQuery(path, { ...params, cursor: context.pageParam }, context),
        staleTime,
        retry: retryUnlessClientError,
        ...overrides,
      }),
      infiniteQueryKey: (params: unknown) => infiniteQueryKeyOf(path, params, transformer),
      queryFilter: (params?: unknown, filters?: object) => ({ ...filters, queryKey: queryKeyOf(path, params, transformer) }),
      pathFilter: () => ({ queryKey: ['mizan'], predicate: (query: Query) => isAtOrBelow(query.queryKey[1], path) }),
      mutationKey: () => ['mizan', path],
      mutationOptions: (overrides?: object) => mutationOptions(path, overrides),
      useMutation: (overrides?: object) => useMutation(mutationOptions(path, overrides) as never),
    }
    helpers.set(path, ofPath)
    return ofPath
  }

  return pathProxy([], helpersOf) as MizanReact<TRouter>
}

// A key's path is the procedure's or one below it: `shop` covers `shop.cart`, not `shopping.list`.
function isAtOrBelow(keyPath: unknown, path: string): boolean {
  return typeof keyPath === 'string' && (keyPath === path || keyPath.startsWith(`${path}.`))
}
