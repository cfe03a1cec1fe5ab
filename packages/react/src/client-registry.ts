import type { QueryClient } from '@tanstack/react-query'
import type { ClientRuntime } from '@mizan/client'

// Query functions receive the QueryClient they run for; this finds the Mizan client beside it,
// so option factories need no client of their own and one factory serves every request in SSR.
const clients = new WeakMap<QueryClient, ClientRuntime>()

export function registerClient(queryClient: QueryClient, client: ClientRuntime): void {
  clients.set(queryClient, client)
}

export function clientOf(queryClient: QueryClient): ClientRuntime {
  const client = clients.get(queryClient)
  if (!client) {
    throw new Error('No Mizan client for this QueryClient: render it inside <MizanProvider>')
  }
  return client
}
