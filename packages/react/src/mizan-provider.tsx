'use client'

import { QueryClientProvider } from '@tanstack/react-query'
import type { QueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import type { ReactNode } from 'react'
import type { ClientRuntime, Transformer } from '@mizan/client'
import { claim, release } from './client-registry.ts'
import { connectFor } from './connect-query-client.ts'

export interface MizanProviderProps {
  readonly client: ClientRuntime
  readonly queryClient: QueryClient
  readonly children?: ReactNode
  /**
   * Server-rendered data to start from: `hydrateFromPage` (from `@mizan/react`) reads the page's
   * `<script id="__MIZAN_SSR_DATA__">` tag, once per QueryClient, before the children's queries
   * mount; it returns what marks that data spent once the provider is mounted. Unset, nothing is
   * hydrated (an app without SSR ships none of it).
   *
   * @example <MizanProvider client={client} queryClient={queryClient} hydrate={hydrateFromPage}>
   */
  readonly hydrate?: ((queryClient: QueryClient, transformer: Transformer) => () => void) | undefined
}

/**
 * Gives React Query's hooks a QueryClient whose Mizan queries call `client`, and turns every
 * flush of the client's invalidation scheduler into exactly the React Query invalidations needed.
 * The QueryClient belongs to this client while the provider is mounted: another provider or
 * `connectQueryClient` giving it a different client throws; the same client is shared.
 */
export function MizanProvider({ client, queryClient, children, hydrate }: MizanProviderProps) {
  const [holder] = useState(() => ({}))
  // Claimed during render, not in an effect: children's queries may fetch (or suspend) before
  // effects run. Held from the effect on, so a render React throws away holds nothing.
  claim(queryClient, client, holder)
  // The page's SSR data, once per QueryClient, before children's queries mount (and so fetch);
  // spent only once mounted, so a render React throws away spends nothing.
  const spend = hydrate?.(queryClient, client.$transformer)
  useEffect(() => {
    spend?.()
    connectFor(queryClient, client, holder)
    return () => release(queryClient, holder)
  }, [queryClient, client, holder])
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
}
