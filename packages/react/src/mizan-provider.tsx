'use client'

import { QueryClientProvider } from '@tanstack/react-query'
import type { QueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import type { ReactNode } from 'react'
import type { ClientRuntime } from '@mizan/client'
import { claim, release } from './client-registry.ts'
import { connectFor } from './connect-query-client.ts'
import { hydrateFromPage, spendPageData } from './hydrate-from-page.ts'

export interface MizanProviderProps {
  readonly client: ClientRuntime
  readonly queryClient: QueryClient
  readonly children?: ReactNode
}

/**
 * Gives React Query's hooks a QueryClient whose Mizan queries call `client`, and turns every
 * flush of the client's invalidation scheduler into exactly the React Query invalidations needed.
 * The QueryClient belongs to this client while the provider is mounted: another provider or
 * `connectQueryClient` giving it a different client throws; the same client is shared.
 */
export function MizanProvider({ client, queryClient, children }: MizanProviderProps) {
  const [holder] = useState(() => ({}))
  // Claimed during render, not in an effect: children's queries may fetch (or suspend) before
  // effects run. Held from the effect on, so a render React throws away holds nothing.
  claim(queryClient, client, holder)
  // The page's SSR data, once per QueryClient, before children's queries mount (and so fetch).
  hydrateFromPage(queryClient, client.$transformer)
  useEffect(() => {
    spendPageData()
    connectFor(queryClient, client, holder)
    return () => release(queryClient, holder)
  }, [queryClient, client, holder])
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
}
