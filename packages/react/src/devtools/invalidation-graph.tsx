import type { Graph } from './graph-edges.ts'
import { colors } from './devtools-styles.ts'

const rowHeight = 20
const top = 14
const width = 420
const mutationX = 176
const contextX = 262

/**
 * The invalidation map as a small SVG: mutations on the left, contexts on the right, an edge for
 * each context a mutation invalidates: solid when the served map names it (a static target),
 * dashed when only an answer showed it (a dynamic one). A mutation marked `ƒ` has dynamic targets.
 */
export function InvalidationGraph({ graph }: { readonly graph: Graph }) {
  const rows = Math.max(graph.mutations.length, graph.contexts.length, 1)
  const height = top * 2 + (rows - 1) * rowHeight
  const mutationY = new Map(graph.mutations.map(({ path }, i) => [path, top + i * rowHeight]))
  const contextY = new Map(graph.contexts.map((path, i) => [path, top + i * rowHeight]))
  return (
    <svg role="img" aria-label="Invalidation map" viewBox={`0 0 ${width} ${height}`} width="100%" style={{ display: 'block' }}>
      {graph.edges.map(({ mutation, context, kind }) => (
        <line
          key={`${mutation}->${context}`}
          data-edge={`${mutation}->${context}`}
          data-kind={kind}
          x1={mutationX}
          y1={mutationY.get(mutation)}
          x2={contextX}
          y2={contextY.get(context)}
          stroke={kind === 'static' ? colors.accent : colors.stale}
          strokeWidth={1.2}
          strokeDasharray={kind === 'static' ? undefined : '4 3'}
        >
          <title>{`${mutation} -> ${context} (${kind})`}</title>
        </line>
      ))}
      {graph.mutations.map(({ path, dynamic }) => (
        <g key={path} data-mutation={path}>
          <circle cx={mutationX} cy={mutationY.get(path)} r={3} fill={colors.accent} />
          <text x={mutationX - 8} y={mutationY.get(path)} dy="0.35em" textAnchor="end" fill={colors.text} fontSize={11}>
            {dynamic ? `ƒ ${path}` : path}
          </text>
        </g>
      ))}
      {graph.contexts.map((path) => (
        <g key={path} data-context={path}>
          <circle cx={contextX} cy={contextY.get(path)} r={3} fill={colors.refetched} />
          <text x={contextX + 8} y={contextY.get(path)} dy="0.35em" fill={colors.text} fontSize={11}>
            {path}
          </text>
        </g>
      ))}
    </svg>
  )
}
