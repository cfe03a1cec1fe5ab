export { createMizanReact } from './create-mizan-react.ts'
export type { MizanReactOptions } from './create-mizan-react.ts'
export { MizanProvider } from './mizan-provider.tsx'
export type { MizanProviderProps } from './mizan-provider.tsx'
export { createNamedProvider } from './named-context-provider.tsx'
export { connectQueryClient } from './connect-query-client.ts'
export { applyFlush } from './apply-flush.ts'
export { createQueryIndex } from './query-index.ts'
export type { QueryIndex } from './query-index.ts'
export type { ReadRequest } from './read-query.ts'
export { infiniteMarker } from './query-key.ts'
export type { MizanQueryKey } from './query-key.ts'
export { defaultStaleTime, retryUnlessClientError } from './defaults.ts'
export { ssrDataElementId } from './ssr-data-element-id.ts'
export { parseSsrData } from './parse-ssr-data.ts'
export { hydrateFromPage } from './hydrate-from-page.ts'
export type { SsrState } from './ssr-state.ts'
export type {
  ContextHelpers,
  ContextProviderKit,
  ContextProviderProps,
  InfiniteOverrides,
  MizanDataKey,
  MizanInfiniteQueryOptions,
  MizanMutationKey,
  MizanMutationOptions,
  MizanPathFilter,
  MizanQueryFilter,
  MizanQueryOptions,
  MizanReact,
  MizanSkippableQueryOptions,
  MutationHelpers,
  MutationOverrides,
  QueryOverrides,
  RouterHelpers,
} from './react-types.ts'
export type { MutationRequest, MutationSender } from './send-mutation.ts'
export { awaitInvalidation } from './await-invalidation.ts'
