import { QueryClient } from '@tanstack/react-query'
import type { DefaultOptions } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { dehydratePage } from './dehydrate-page.ts'
import type { DehydratePageOptions } from './dehydrate-page.ts'
import { ssrDataScript } from './ssr-data-script.ts'

/** What both render helpers take. */
export interface RenderPageOptions extends DehydratePageOptions {
  /** The page, around this request's own QueryClient (give it to `<MizanProvider>`). */
  readonly render: (queryClient: QueryClient) => ReactNode
  /**
   * Fills the request's QueryClient before the render, e.g. with
   * `queryClient.prefetchQuery(mizan.project.queryOptions({ id }))` of `createMizanServer`.
   */
  readonly prefetch?: ((queryClient: QueryClient) => unknown) | undefined
  /**
   * Default options of the request's QueryClient. Only options: the helpers make a new
   * QueryClient (and caches) for every request, so one user's data never reaches another's page.
   */
  readonly queryClientDefaults?: DefaultOptions | undefined
}

/** A fresh QueryClient filled by the page's prefetch, and the data tag of what it then holds. */
export async function preparePage(options: RenderPageOptions): Promise<{ queryClient: QueryClient; dataScript: string }> {
  const queryClient = new QueryClient(options.queryClientDefaults ? { defaultOptions: options.queryClientDefaults } : {})
  await options.prefetch?.(queryClient)
  const { state, transformer } = dehydratePage(queryClient, options)
  return { queryClient, dataScript: ssrDataScript(state, transformer) }
}
