import type { QueryClient } from '@tanstack/react-query'
import type { ClientRuntime } from '@mizan/client'
import { applyFlush } from './apply-flush.ts'
import { registerClient } from './client-registry.ts'
import { createQueryIndex } from './query-index.ts'

/**
 * Wires a QueryClient to a Mizan client: its query functions call that client, and every flush
 * of the client's scheduler becomes exactly the invalidations it names. Returns the disconnect.
 * `<MizanProvider>` does this for React apps.
 */
export function connectQueryClient(queryClient: QueryClient, client: ClientRuntime): () => void {
  registerClient(queryClient, client)
  const index = createQueryIndex(queryClient.getQueryCache())
  const unsubscribe = client.$scheduler.subscribe((directives) => {
    applyFlush(queryClient, index, client.$transformer, directives)
  })
  return () => {
    unsubscribe()
    index.close()
  }
}
