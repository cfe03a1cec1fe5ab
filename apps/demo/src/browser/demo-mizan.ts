import superjson from 'superjson'
import { createClient, csrfSession, liveEvents, streamedAnswers } from '@mizan/client'
import { awaitInvalidation, createMizanReact } from '@mizan/react'
import type { DemoRouter } from '../router.ts'

/**
 * Options and hooks for every context and mutation of the demo's router. `awaitInvalidation`
 * keeps a write's button pending until what it invalidated has refetched, so a renamed project
 * never flashes its old name.
 */
export const mizan = createMizanReact<DemoRouter>({ transformer: superjson, awaitInvalidation })

/**
 * The typed client: the browser's with live events (other users' and tabs' writes), the
 * server's without (it renders from prefetched data and never fetches).
 */
export function createDemoClient({ live }: { readonly live: boolean }) {
  return createClient<DemoRouter>({
    url: '/mizan',
    transformer: superjson,
    session: csrfSession(),
    // The showcase: a bundle's reads resolve as each answer arrives.
    batch: { stream: streamedAnswers() },
    ...(live ? { events: liveEvents() } : {}),
  })
}

export type DemoClient = ReturnType<typeof createDemoClient>
