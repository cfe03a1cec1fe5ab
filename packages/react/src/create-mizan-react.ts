import { skipToken, useMutation, useQuery } from '@tanstack/react-query'
import type { Query, QueryClient, QueryFunctionContext } from '@tanstack/react-query'
import { jsonTransformer } from '@mizan/client'
import type { AnyRouter, Transformer } from '@mizan/client'
import { retryUnlessClientError } from './defaults.ts'
import { liveOrDefaultStaleTime } from './live-stale-time.ts'
import { infiniteQueryKeyOf, queryKeyOf } from './query-key.ts'
import type { MizanReact } from './react-types.ts'
import { sendMutation } from './send-mutation.ts'
import type { MutationRequest, MutationSender } from './send-mutation.ts'
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
   * `awaitInvalidation` (imported from `@mizan/react`) keeps every write pending until the
   * queries it invalidated have refetched; unset, writes settle with their answer.
   * `mutationOptions({ awaitInvalidation })` (or `false`) decides for one mutation.
   */
  readonly awaitInvalidation?: MutationSender | undefined
}

/**
 * Option factories for React Query's own hooks, typed from the router's type alone.
 *
 * @example
 * const mizan = createMizanReact<AppRouter>({ transformer: superjson })
 * const { data } = useQuery(mizan.project.queryOptions({ id: 7 }))
 * const rename = useMutation(mizan.renameProject.mutationOptions())
 */
export function createMizanReact<TRouter extends AnyRouter>({
  transformer = jsonTransformer,
  staleTime: ownStaleTime,
  awaitInvalidation: awaitByDefault,
}: MizanReactOptions = {}): MizanReact<TRouter> {
  const staleTime = ownStaleTime ?? liveOrDefaultStaleTime
  const helpers = new Map<string, unknown>()

  const helpersOf = (path: string) => {
    const queryKey = (params?: unknown) => queryKeyOf(path, params, transformer)
    const infiniteQueryKey = (params: unknown) => infiniteQueryKeyOf(path, params, transformer)
    // What every Mizan query shares: Mizan's freshness, and no retry of a 4xx.
    const query = (key: unknown, queryFn: unknown, overrides: object) => ({ queryKey: key, queryFn, staleTime, retry: retryUnlessClientError, ...overrides })
    const queryOptions = (params?: unknown, { request, ...overrides }: { request?: ReadRequest } = {}) =>
      // skipToken: a disabled query, keyed like the context without params.
      params === skipToken
        ? query(queryKey(), skipToken, overrides)
        : query(queryKey(params), (context: QueryFunctionContext) => readQuery(path, params, context, request), overrides)
    const mutationKey = () => ['mizan', path]
    const mutationOptions = ({ request, awaitInvalidation = awaitByDefault, ...overrides }: { request?: MutationRequest<unknown>; awaitInvalidation?: MutationSender | false } = {}) => ({
      mutationKey: mutationKey(),
      mutationFn: (input: unknown, context: { client: QueryClient }) =>
        (awaitInvalidation || sendMutation)(context.client, path, input, typeof request === 'function' ? request(input) : request),
      retry: false,
      ...overrides,
    })
    return {
      queryKey,
      queryOptions,
      useQuery: (params?: unknown, overrides?: object) => useQuery(queryOptions(params, overrides) as never),
      infiniteQueryOptions: (params: object, overrides: object) =>
        query(infiniteQueryKey(params), (context: QueryFunctionContext<readonly unknown[], unknown>) => readQuery(path, { ...params, cursor: context.pageParam }, context), overrides),
      infiniteQueryKey,
      queryFilter: (params?: unknown, filters?: object) => ({ ...filters, queryKey: queryKey(params) }),
      // A key's path is the procedure's or one below it: `shop` covers `shop.cart`, not `shopping.list`.
      pathFilter: () => ({ queryKey: ['mizan'], predicate: ({ queryKey: [, keyPath] }: Query) => keyPath === path || (typeof keyPath === 'string' && keyPath.startsWith(`${path}.`)) }),
      mutationKey,
      mutationOptions,
      useMutation: (overrides?: object) => useMutation(mutationOptions(overrides) as never),
    }
  }

  // Built once per path and kept, so a component gets the same functions on every render.
  return pathProxy([], (path) => {
    let found = helpers.get(path)
    if (!found) helpers.set(path, (found = helpersOf(path)))
    return found
  }) as MizanReact<TRouter>
}
