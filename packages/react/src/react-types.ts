import type {
  DataTag,
  InfiniteData,
  UnusedSkipTokenInfiniteOptions,
  UnusedSkipTokenOptions,
  UseMutationOptions,
  UseMutationResult,
  UseQueryOptions,
  UseQueryResult,
} from '@tanstack/react-query'
import type { AnyRouter, MizanClientError } from '@mizan/client'
import type { ComponentType, ReactNode } from 'react'
import type { MizanQueryKey } from './query-key.ts'

/** A Mizan key tagged with its data type, so `getQueryData` / `setQueryData` are typed. */
export type MizanDataKey<TData> = DataTag<MizanQueryKey, TData, MizanClientError>

export type MizanQueryOptions<TData> = UnusedSkipTokenOptions<TData, MizanClientError, TData, MizanQueryKey> & {
  queryKey: MizanDataKey<TData>
}

/** What callers may set on top of Mizan's options (everything but the key and the function). */
export type QueryOverrides<TData> = Omit<UseQueryOptions<TData, MizanClientError, TData, MizanQueryKey>, 'queryKey' | 'queryFn'>

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
  /** Options for `useQuery`, `useSuspenseQuery`, `useQueries`, `prefetchQuery`... */
  queryOptions(...args: ArgsWith<TInput, QueryOverrides<TData>>): MizanQueryOptions<TData>
  /** `useQuery(queryOptions(params, options))`. */
  useQuery(...args: ArgsWith<TInput, QueryOverrides<TData>>): UseQueryResult<TData, MizanClientError>
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
  /** Makes a named context provider and its hook. */
  createProvider(): ContextProviderKit<TInput, TData>
}

export type MizanMutationOptions<TInput, TData, TOnMutate> = UseMutationOptions<TData, MizanClientError, TInput, TOnMutate>

export interface MutationHelpers<TInput, TData> {
  /**
   * Options for `useMutation`; callbacks (onMutate, onSuccess, onError, onSettled) pass through,
   * so optimistic updates stay possible. The server's invalidations apply on their own.
   */
  mutationOptions<TOnMutate = unknown>(
    options?: Omit<MizanMutationOptions<TInput, TData, TOnMutate>, 'mutationFn' | 'mutationKey'>,
  ): MizanMutationOptions<TInput, TData, TOnMutate>
  /** `useMutation(mutationOptions(options))`. */
  useMutation<TOnMutate = unknown>(
    options?: Omit<MizanMutationOptions<TInput, TData, TOnMutate>, 'mutationFn' | 'mutationKey'>,
  ): UseMutationResult<TData, MizanClientError, TInput, TOnMutate>
}

type ReactNodeOf<TNode> = TNode extends { readonly _kind: 'router'; readonly _types: { readonly record: infer TRecord } }
  ? MizanReactRecord<TRecord>
  : TNode extends { readonly _kind: 'mutation'; readonly _types: { readonly input: infer TInput; readonly output: infer TData } }
    ? MutationHelpers<TInput, TData>
    : TNode extends { readonly _kind: 'context'; readonly _types: { readonly input: infer TInput; readonly output: infer TData } }
      ? ContextHelpers<TInput, TData>
      : never

/** Mapped per property, so only the procedures a file uses are ever computed. */
type MizanReactRecord<TRecord> = { readonly [K in keyof TRecord]: ReactNodeOf<TRecord[K]> }

export type MizanReact<TRouter extends AnyRouter> = MizanReactRecord<TRouter['_types']['record']>
