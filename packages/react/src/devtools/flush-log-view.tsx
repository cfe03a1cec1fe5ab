import type { Transformer } from '@mizan/client'
import type { DevtoolsSnapshot, LoggedDirective, LoggedHit, LoggedRequest } from './devtools-log.ts'
import { describeDirective, describeQueryKey } from './describe.ts'
import { badgeStyle, colors, listStyle } from './devtools-styles.ts'

const sourceLabels = { response: 'this tab', stream: 'event stream', tab: 'other tab', header: 'header' } as const

/**
 * The flushes, newest first: each directive with where it came from, the queries it hit (refetched,
 * with the bundled request the refetch went out in, or only marked stale), and "matched nothing"
 * for a directive that hit no cached query.
 */
export function FlushLogView({ snapshot, transformer }: { readonly snapshot: DevtoolsSnapshot; readonly transformer: Transformer }) {
  if (snapshot.flushes.length === 0) return <p style={{ margin: '0 12px 10px', color: colors.muted }}>No invalidation yet: make a write.</p>
  return (
    <ol style={listStyle} aria-label="Invalidation log">
      {snapshot.flushes.map((flush) => (
        <li key={flush.id} data-flush={flush.id} style={{ borderTop: `1px solid ${colors.line}`, padding: '6px 0' }}>
          <div style={{ color: colors.muted }}>
            flush #{flush.id} · {new Date(flush.at).toLocaleTimeString()}
          </div>
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {flush.directives.map((entry, i) => (
              <DirectiveRow key={i} entry={entry} requests={snapshot.requests} transformer={transformer} />
            ))}
          </ul>
        </li>
      ))}
    </ol>
  )
}

function DirectiveRow({ entry, requests, transformer }: { readonly entry: LoggedDirective; readonly requests: DevtoolsSnapshot['requests']; readonly transformer: Transformer }) {
  const { directive, mutationPath, hits } = entry
  const source = directive.source ? sourceLabels[directive.source] : 'enqueued'
  return (
    <li data-directive={describeDirective(directive)} data-source={directive.source ?? 'enqueued'} style={{ padding: '3px 0' }}>
      <span style={badgeStyle(colors.accent)}>{source}</span>
      <strong>{describeDirective(directive)}</strong>
      {mutationPath ? <span style={{ color: colors.muted }}> from {mutationPath}</span> : null}
      {hits.length === 0 ? (
        <span data-unmatched="" style={{ ...badgeStyle(colors.warning), marginLeft: 6 }}>
          matched nothing
        </span>
      ) : (
        <ul style={{ listStyle: 'none', margin: '2px 0 0 12px', padding: 0 }}>
          {hits.map((hit) => (
            <HitRow key={hit.queryHash} hit={hit} request={hit.requestId === undefined ? undefined : requests.get(hit.requestId)} transformer={transformer} />
          ))}
        </ul>
      )}
    </li>
  )
}

function HitRow({ hit, request, transformer }: { readonly hit: LoggedHit; readonly request: LoggedRequest | undefined; readonly transformer: Transformer }) {
  return (
    <li data-hit={hit.queryHash} data-refetched={String(hit.refetched)} data-request={hit.requestId ?? ''}>
      {describeQueryKey(hit.queryKey, transformer)}{' '}
      {hit.refetched ? <span style={{ color: colors.refetched }}>refetched{describeRequest(hit.requestId, request)}</span> : <span style={{ color: colors.stale }}>marked stale</span>}
    </li>
  )
}

function describeRequest(id: number | undefined, request: LoggedRequest | undefined): string {
  if (id === undefined) return ''
  if (!request) return ` in request #${id}`
  const outcome = !request.settled ? 'pending' : request.status === undefined ? 'no answer' : String(request.status)
  const duration = request.durationMs === undefined ? '' : `, ${Math.round(request.durationMs)} ms`
  return ` in request #${id} (${request.method} ${outcome}${duration}, ${request.items.length} item${request.items.length === 1 ? '' : 's'})`
}
