'use client'

import { useQueryClient } from '@tanstack/react-query'
import type { QueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { inspect } from '@mizan/client'
import type { ClientRuntime } from '@mizan/client'
import { buttonStyle, colors, cornerStyle, headingStyle, panelStyle } from './devtools-styles.ts'
import type { DevtoolsPosition } from './devtools-styles.ts'
import { FlushLogView } from './flush-log-view.tsx'
import { graphOf } from './graph-edges.ts'
import { InvalidationGraph } from './invalidation-graph.tsx'
import { useDevtoolsLog } from './use-devtools-log.ts'
import { useInvalidationMap } from './use-invalidation-map.ts'

export interface MizanDevtoolsProps {
  /** The Mizan client to watch (the one given to `<MizanProvider>`). */
  readonly client: ClientRuntime
  /** The QueryClient of that provider; by default the one of the nearest `QueryClientProvider`. */
  readonly queryClient?: QueryClient | undefined
  /** Open on first render (default false: a button in the corner). */
  readonly initialIsOpen?: boolean | undefined
  /** The window corner the panel sits in (default `bottom-right`). */
  readonly position?: DevtoolsPosition | undefined
}

/**
 * A panel showing what Mizan invalidated and why: a live log of flushes (each directive with its
 * source, the queries it hit, which refetched and in which bundled request, which were only marked
 * stale, which directives matched nothing) and the router's invalidation map as a graph (served by
 * the handler in development; dynamic targets are added as answers show them). It records from
 * when it mounts. Import it from its own entry, in its own chunk, so production bundles leave it out.
 *
 * @example
 * const MizanDevtools = lazy(() => import('@mizan/react/devtools').then((m) => ({ default: m.MizanDevtools })))
 * {import.meta.env.DEV && <Suspense><MizanDevtools client={client} /></Suspense>}
 */
export function MizanDevtools({ client, queryClient, initialIsOpen = false, position = 'bottom-right' }: MizanDevtoolsProps) {
  const queries = useQueryClient(queryClient)
  const snapshot = useDevtoolsLog(inspect(client))
  const mapState = useInvalidationMap(client)
  const [open, setOpen] = useState(initialIsOpen)
  const corner = cornerStyle(position)
  if (!open) {
    return (
      <button type="button" style={{ ...buttonStyle, ...corner }} onClick={() => setOpen(true)} aria-label="Open Mizan Devtools">
        Mizan
      </button>
    )
  }
  const cached = queries.getQueryCache().findAll({ queryKey: ['mizan'] }).length
  const graph = graphOf(mapState.status === 'ready' ? mapState.map : undefined, snapshot.observed)
  return (
    <section aria-label="Mizan Devtools" style={{ ...panelStyle, ...corner }}>
      <header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', padding: '8px 12px', borderBottom: `1px solid ${colors.line}` }}>
        <strong style={{ color: colors.accent }}>Mizan Devtools</strong>
        <span style={{ color: colors.muted }}>{cached} Mizan queries cached</span>
        <button type="button" onClick={() => setOpen(false)} aria-label="Close Mizan Devtools" style={{ background: 'none', border: 'none', color: colors.muted, cursor: 'pointer', font: 'inherit' }}>
          ✕
        </button>
      </header>
      <h2 style={headingStyle}>Invalidation map</h2>
      {graph.mutations.length > 0 ? (
        <InvalidationGraph graph={graph} />
      ) : (
        <p style={{ margin: '0 12px', color: colors.muted }}>{mapState.status === 'loading' ? 'Loading…' : 'No map: the server serves it in development (devtools: true).'}</p>
      )}
      <h2 style={headingStyle}>Invalidations</h2>
      <FlushLogView snapshot={snapshot} transformer={client.$transformer} />
    </section>
  )
}
