import { useMutation, useQuery } from '@tanstack/react-query'
import type { QueryFunctionContext } from '@tanstack/react-query'
import { jsonTransformer } from '@mizan/client'
import type { AnyRouter, Transformer } from '@mizan/client'
import { clientOf } from './client-registry.ts'
import { defaultStaleTime, retryUnlessClientError } from './defaults.ts'
import { createNamedProvider } from './named-context-provider.tsx'
import { infiniteQueryKeyOf, queryKeyOf } from './query-key.ts'
import type { MizanReact } from './react-types.ts'

export interface MizanReactOptions {
  /** The transformer of the client (e.g. superjson): keys hold inputs in its JSON form. */
  readonly transformer?: Transformer
  /**
   * How long Mizan data counts as fresh (default 30 s). Writes announce what they change, so it
   * can be long: it only bounds how late other users' writes are seen.
   */
  readonly staleTime?: number
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
  const staleTime = options.staleTime ?? defaultStaleTime
  const helpers = new Map<string, unknown>()

  const queryOptions = (path: string, params: unknown, overrides?: object) => ({
    queryKey: queryKeyOf(path, params, transformer),
    queryFn: ({ signal, client }: QueryFunctionContext) => clientOf(client).$query(path, params, { signal }),
    staleTime,
    retry: retryUnlessClientError,
    ...overrides,
  })

  const mutationOptions = (path: string, overrides?: object) => ({
    mutationKey: ['mizan', path],
    mutationFn: (input: unknown, context: { client: Parameters<typeof clientOf>[0] }) => clientOf(context.client).$mutate(path, input),
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
        queryFn: ({ signal, client, pageParam }: QueryFunctionContext<readonly unknown[], unknown>) =>
          clientOf(client).$query(path, { ...params, cursor: pageParam }, { signal }),
        staleTime,
        retry: retryUnlessClientError,
        ...overrides,
      }),
      createProvider: () => createNamedProvider(path, (params) => queryOptions(path, params) as never),
      mutationOptions: (overrides?: object) => mutationOptions(path, overrides),
      useMutation: (overrides?: object) => useMutation(mutationOptions(path, overrides) as never),
    }
    helpers.set(path, ofPath)
    return ofPath
  }

  return pathProxy([], helpersOf) as MizanReact<TRouter>
}

function pathProxy(path: readonly string[], helpersOf: (path: string) => unknown): unknown {
  return new Proxy(
    {},
    {
      get(_target, key) {
        if (typeof key !== 'string' || key === 'then') return undefined
        const helpers = path.length > 0 ? (helpersOf(path.join('.')) as Record<string, unknown>) : undefined
        if (helpers && key in helpers) return helpers[key]
        return pathProxy([...path, key], helpersOf)
      },
    },
  )
}
