'use client'

import { QueryClientProvider } from '@tanstack/react-query'
import type { QueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import type { ReactNode } from 'react'
import type { ClientRuntime } from '@mizan/client'
import { registerClient } from './client-registry.ts'
import { connectQueryClient } from './connect-query-client.ts'

export interface MizanProviderProps {
  readonly client: ClientRuntime
  readonly queryClient: QueryClient
  readonly children?: ReactNode
}

/**
 * Gives React Query's hooks a QueryClient whose Mizan queries call `client`, and turns every
 * flush of the client's invalidation scheduler into exactly the React Query invalidations needed.
 */
export function MizanProvider({ client, queryClient, children }: MizanProviderProps) {
  // During render, not in an effect: children's queries may fetch (or suspend) before effects run.
  registerClient(queryClient, client)
  useEffect(() => connectQueryClient(queryClient, client), [queryClient, client])
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
}
