import type { InvalidationMap } from '@mizan/server/protocol'

export interface GraphEdge {
  readonly mutation: string
  readonly context: string
  /** `static`: named by a list or thunk (served map); `observed`: seen in an answer only. */
  readonly kind: 'static' | 'observed'
}

export interface Graph {
  readonly mutations: ReadonlyArray<{ readonly path: string; readonly dynamic: boolean }>
  readonly contexts: readonly string[]
  readonly edges: readonly GraphEdge[]
}

/**
 * The graph to draw: the served map's static edges, plus the edges answers showed that the map
 * does not have (dynamic targets). A mutation seen but not in the map (the route is off) still
 * gets its observed edges. Nodes sorted by path, so the drawing does not jump as edges arrive.
 */
export function graphOf(map: InvalidationMap | undefined, observed: ReadonlyMap<string, ReadonlySet<string>>): Graph {
  const mutations = new Map<string, boolean>()
  const edges = new Map<string, GraphEdge>()
  for (const { path, contexts, dynamic } of map?.mutations ?? []) {
    mutations.set(path, dynamic)
    for (const context of contexts) edges.set(`${path}\u0000${context}`, { mutation: path, context, kind: 'static' })
  }
  for (const [path, contexts] of observed) {
    if (!mutations.has(path)) mutations.set(path, true)
    for (const context of contexts) {
      const key = `${path}\u0000${context}`
      if (!edges.has(key)) edges.set(key, { mutation: path, context, kind: 'observed' })
    }
  }
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  return {
    mutations: [...mutations].sort(([a], [b]) => byName(a, b)).map(([path, dynamic]) => ({ path, dynamic })),
    contexts: [...new Set([...edges.values()].map((edge) => edge.context))].sort(byName),
    edges: [...edges.values()],
  }
}
