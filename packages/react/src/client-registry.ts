import type { Query, QueryClient } from '@tanstack/react-query'
import type { ClientRuntime } from '@mizan/client'
import { trackLive } from './live-stale-time.ts'

/** What a connected QueryClient does with the flushes of its Mizan client's scheduler. */
export interface Wiring {
  /** Resolves with the queries the next flush hits, once it is applied (with none if unwired first). */
  afterNextFlush(): Promise<ReadonlySet<Query>>
  close(): void
}

/** The Mizan client of one QueryClient, who holds it, and its flush wiring while held. */
export interface Registration {
  client: ClientRuntime
  /** The providers and `connectQueryClient` calls holding it; none while only a render claimed it. */
  readonly holders: Set<object>
  wiring: Wiring | undefined
}

// Query functions receive the QueryClient they run for; this finds the Mizan client beside it,
// so option factories need no client of their own and one factory serves every request in SSR.
const registrations = new WeakMap<QueryClient, Registration>()

/** A query or mutation run where no Mizan client is connected: retrying cannot help. */
export class SetupError extends Error {}

/**
 * Gives `queryClient` to `client` for `holder`. A QueryClient belongs to one Mizan client: a
 * different one may take it only while nobody else holds it (a provider may swap its own).
 * A render claims without holding, so a render React throws away leaves nothing held.
 */
export function claim(queryClient: QueryClient, client: ClientRuntime, holder: object): Registration {
  let registration = registrations.get(queryClient)
  if (!registration) registrations.set(queryClient, (registration = { client, holders: new Set(), wiring: undefined }))
  else if (registration.client !== client) {
    if ([...registration.holders].some((other) => other !== holder)) {
      throw new Error('This QueryClient already belongs to another Mizan client: give each its own QueryClient')
    }
    registration.client = client
  }
  // Known before the queries below decide whether their data is fresh enough to skip a fetch.
  trackLive(queryClient, registration.client.$events !== undefined)
  return registration
}

/** Undoes a hold (see `connectFor`); the last holder unwires, and the registration goes unless held again at once. */
export function release(queryClient: QueryClient, holder: object): void {
  const registration = registrations.get(queryClient)
  if (!registration?.holders.delete(holder) || registration.holders.size > 0) return
  registration.wiring?.close()
  registration.wiring = undefined
  // A microtask later: StrictMode's simulated remount, and the effects of children that run
  // before the provider's own, still find the client.
  queueMicrotask(() => {
    if (registration.holders.size > 0 || registrations.get(queryClient) !== registration) return
    registrations.delete(queryClient)
    trackLive(queryClient, false)
  })
}

export function registrationOf(queryClient: QueryClient): Registration {
  const registration = registrations.get(queryClient)
  if (!registration) throw new SetupError('No Mizan client for this QueryClient: render <MizanProvider client queryClient> around it, or call connectQueryClient(queryClient, client) first')
  return registration
}
