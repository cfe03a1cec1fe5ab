import type {
  DataTag,
  InfiniteData,
  Query,
  QueryFilters,
  SkipToken,
  UnusedSkipTokenInfiniteOptions,
  UnusedSkipTokenOptions,
  UseMutationOptions,
  UseMutationResult,
  UseQueryOptions,
  UseQueryResult,
} from '@tanstack/react-query'
import type { AnyRouter, MizanClientError, ProcedureNode, RouterNode } from '@mizan/client'
import type { ComponentType, ReactNode } from 'react'
import type { MizanQueryKey } from './query-key.ts'
import type { ReadRequest } from './read-query.ts'
import type { MutationRequest, MutationSender } from './send-mutation.ts'

/** A Mizan key tagged with its data type, so `getQueryData` / `setQueryData` are typed. */
export type MizanDataKey<TData> = DataTag<MizanQueryKey, TData, MizanClientError>

export type MizanQueryOptions<TData> = UnusedSkipTokenOptions<TData, MizanClientError, TData, MizanQueryKey> & {
  queryKey: MizanDataKey<TData>
}

/** Options `skipToken` may have disabled: for `useQuery` and `useQueries`, not the suspense hooks. */
export type MizanSkippableQueryOptions<TData> = UseQueryOptions<TData, MizanClientError, TData, MizanQueryKey> & {
  queryKey: MizanDataKey<TData>
}

/** A filter (`invalidateQueries`, `cancelQueries`, `getQueriesData`...) on a Mizan key. */
export type MizanQueryFilter<TData> = Omit<QueryFilters, 'queryKey'> & { readonly queryKey: MizanDataKey<TData> }

/** A filter for every query of a sub-router: keys hold the dotted path as one string. */
export interface MizanPathFilter {
  readonly queryKey: readonly ['mizan']
  readonly predicate: (query: Query) => boolean
}

/**
 * What callers may set on top of Mizan's options (everything but the key and the function), and
 * `request`: the read's own headers, `batch: false`, a signal (see `ReadRequest`).
 */
export type QueryOverrides<TData> = Omit<UseQueryOptions<TData, MizanClientError, TData, MizanQueryKey>, 'queryKey' | 'queryFn'> & {
  readonly request?: ReadRequest | undefined
}

/** `(params, options?)`, with params optional or absent as the context's input is. */
type ArgsWith<TInput, TOptions> = [TInput] extends [void]
  ? [params?: undefined, options?: TOptions]
  : undefined extends TInput
    ? [params?: TInput, options?: TOptions]
    : [params: TInput, options?: TOptions]

/** The input of a cursor context, without its cursor: what the key holds. */
type WithoutCursor<TInput> = Omit<TInput, 'cursor'>
type CursorOf<TInput> = TInput extends { cursor?: infer TCursor } ? NonNullable<TCursor> : never

export interface InfiniteOverrides<TData, TCursor> {
  readonly initialPageParam: TCursor
  readonly getNextPageParam: (lastPage: TData, allPages: TData[], lastPageParam: TCursor) => TCursor | undefined | null
  readonly getPreviousPageParam?: (firstPage: TData, allPages: TData[], firstPageParam: TCursor) => TCursor | undefined | null
  readonly staleTime?: number
  readonly enabled?: boolean
}

export type MizanInfiniteQueryOptions<TData, TCursor> = UnusedSkipTokenInfiniteOptions<
  TData,
  MizanClientError,
  InfiniteData<TData, TCursor>,
  MizanQueryKey,
  TCursor
> & { queryKey: DataTag<MizanQueryKey, InfiniteData<TData, TCursor>, MizanClientError> }

/** A named context provider: loads one context for a subtree; the hook reads it below. */
export interface ContextProviderKit<TInput, TData> {
  readonly Provider: ComponentType<ContextProviderProps<TInput>>
  /** The provided data; throws when used outside the Provider. */
  readonly useData: () => TData
}

export type ContextProviderProps<TInput> = ([TInput] extends [void] ? { readonly params?: undefined } : { readonly params: TInput }) & {
  /** Shown while the data loads. */
  readonly fallback?: ReactNode
  readonly children?: ReactNode
}

export interface ContextHelpers<TInput, TData> {
  /** The key of one instance, or of every instance (`queryKey()`), tagged with the data type. */
  queryKey(params?: TInput): MizanDataKey<TData>
  /**
   * Options for `useQuery`, `useSuspenseQuery`, `useQueries`, `prefetchQuery`... With `skipToken`
   * for params (`queryOptions(id ? { id } : skipToken)`), a disabled query for `useQuery`.
   */
  queryOptions: {
    (...args: ArgsWith<TInput, QueryOverrides<TData>>): MizanQueryOptions<TData>
    (params: TInput | SkipToken, options?: QueryOverrides<TData>): MizanSkippableQueryOptions<TData>
  }
  /** `useQuery(queryOptions(params, options))`; `skipToken` for params disables it. */
  useQuery(...args: ArgsWith<TInput | SkipToken, QueryOverrides<TData>>): UseQueryResult<TData, MizanClientError>
  /**
   * A filter on the queries of these params (their infinite ones too), or of every instance
   * without params. Keys match partially, as React Query's own filters do: `exact: true` keeps
   * one query.
   *
   * @example queryClient.invalidateQueries(mizan.project.queryFilter({ id: 7 }))
   */
  queryFilter(params?: TInput, filters?: Omit<QueryFilters, 'queryKey'>): MizanQueryFilter<TData>
  /**
   * Options for `useInfiniteQuery` on a context whose input has a `cursor`: the cursor stays out
   * of the key, so invalidating the context reaches every page.
   */
  infiniteQueryOptions: [CursorOf<TInput>] extends [never]
    ? never
    : (
        params: WithoutCursor<TInput>,
        options: InfiniteOverrides<TData, CursorOf<TInput>>,
      ) => MizanInfiniteQueryOptions<TData, CursorOf<TInput>>
  /** The key `infiniteQueryOptions(params)` uses, tagged with its pages for `getQueryData`. */
  infiniteQueryKey: [CursorOf<TInput>] extends [never]
    ? never
    : (params: WithoutCursor<TInput>) => DataTag<MizanQueryKey, InfiniteData<TData, CursorOf<TInput>>, MizanClientError>
}

export type MizanMutationOptions<TInput, TData, TOnMutate> = UseMutationOptions<TData, MizanClientError, TInput, TOnMutate>

/** What callers may set on a mutation: React Query's options but the key and function, and Mizan's. */
export type MutationOverrides<TInput, TData, TOnMutate> = Omit<MizanMutationOptions<TInput, TData, TOnMutate>, 'mutationFn' | 'mutationKey'> & {
  /**
   * `awaitInvalidation` (imported from `@mizan/react`) keeps the mutation pending (`isPending`,
   * `mutateAsync`, `onSuccess`) until the active queries its invalidations hit have refetched,
   * successfully or not; inactive ones are only marked stale. `false` settles with the answer.
   * Defaults to `createMizanReact({ awaitInvalidation })`, itself unset.
   */
  readonly awaitInvalidation?: MutationSender | false | undefined
  /** Headers and an abort signal for each call, or a function of the input giving them. */
  readonly request?: MutationRequest<TInput> | undefined
}

/** The key of a mutation's options, for `useIsMutating`, `useMutationState` and mutation defaults. */
export type MizanMutationKey = readonly ['mizan', string]

export interface MutationHelpers<TInput, TData> {
  /**
   * Options for `useMutation`; callbacks (onMutate, onSuccess, onError, onSettled) pass through,
   * so optimistic updates stay possible. The server's invalidations apply on their own.
   */
  mutationOptions<TOnMutate = unknown>(options?: MutationOverrides<TInput, TData, TOnMutate>): MizanMutationOptions<TInput, TData, TOnMutate>
  /** `useMutation(mutationOptions(options))`. */
  useMutation<TOnMutate = unknown>(options?: MutationOverrides<TInput, TData, TOnMutate>): UseMutationResult<TData, MizanClientError, TInput, TOnMutate>
  mutationKey(): MizanMutationKey
}

export interface RouterHelpers {
  /**
   * A filter on every query of this sub-router, at any depth (`shop` covers `shop.cart`, not
   * `shopping.list`).
   *
   * @example queryClient.invalidateQueries(mizan.shop.pathFilter())
   */
  pathFilter(): MizanPathFilter
}

type ReactNodeOf<TNode> = TNode extends RouterNode
  ? MizanReactRecord<TNode['_types']['record']> & RouterHelpers
  : TNode extends ProcedureNode<'mutation'>
    ? MutationHelpers<TNode['_types']['input'], TNode['_types']['output']>
    : TNode extends ProcedureNode<'context'>
      ? ContextHelpers<TNode['_types']['input'], TNode['_types']['output']>
      : never

/** Mapped per property, so only the procedures a file uses are ever computed. */
type MizanReactRecord<TRecord> = { readonly [K in keyof TRecord]: ReactNodeOf<TRecord[K]> }

export type MizanReact<TRouter extends AnyRouter> = MizanReactRecord<TRouter['_types']['record']>
