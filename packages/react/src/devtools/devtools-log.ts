import { stableKey } from '@mizan/client'
import type { FlushedDirective, InspectEvent, InspectedItem } from '@mizan/client'

/** A query one directive hit; `requestId` names the bundled read its refetch went out in, once seen. */
export interface LoggedHit {
  readonly queryHash: string
  readonly queryKey: readonly unknown[]
  readonly refetched: boolean
  requestId: number | undefined
}

export interface LoggedDirective {
  readonly directive: FlushedDirective
  /** The mutation whose answer carried it, when this client made that write. */
  readonly mutationPath: string | undefined
  /** Empty: the directive matched no cached query. */
  readonly hits: readonly LoggedHit[]
}

export interface LoggedFlush {
  readonly id: number
  readonly at: number
  readonly directives: readonly LoggedDirective[]
}

export interface LoggedRequest {
  readonly id: number
  readonly at: number
  readonly method: 'GET' | 'POST'
  readonly items: readonly InspectedItem[]
  /** Undefined until it settles, and when it settled without an answer (`settled` then says so). */
  status: number | undefined
  durationMs: number | undefined
  settled: boolean
}

/** What the panel shows; a new object after every change (its parts are read-only views). */
export interface DevtoolsSnapshot {
  /** Newest first, at most `limit`. */
  readonly flushes: readonly LoggedFlush[]
  readonly requests: ReadonlyMap<number, LoggedRequest>
  /** The contexts each mutation's answers were seen to name: the map's dynamic edges. */
  readonly observed: ReadonlyMap<string, ReadonlySet<string>>
}

export interface DevtoolsLog {
  handle(event: InspectEvent): void
  snapshot(): DevtoolsSnapshot
  subscribe(onChange: () => void): () => void
}

interface Awaiting {
  readonly hit: LoggedHit
  readonly key: string
  /** Requests seen since the flush: a refetch goes out in the next ones, or it never went. */
  requestsSeen: number
}

// A refetch leaves in one of the first bundles after its flush (the batching window); a hit still
// unmatched after this many was cancelled or answered otherwise, and stays without a request.
const requestsToWait = 20

/**
 * The inspector's events as a bounded log. A refetched hit is linked to the first bundled read
 * request after its flush that carries its query's read: the same path and canonical input (the
 * key's input is the canonical form the batcher sends); an infinite query's page cursor is in the
 * read but not in the key, so it is linked by path alone.
 */
export function createDevtoolsLog(limit = 200): DevtoolsLog {
  let flushes: LoggedFlush[] = []
  const requests = new Map<number, LoggedRequest>()
  const observed = new Map<string, Set<string>>()
  const pathOfWrite = new Map<string, string>()
  let awaiting: Awaiting[] = []
  let nextFlush = 1
  const listeners = new Set<() => void>()
  let current: DevtoolsSnapshot = { flushes, requests: new Map(), observed: new Map() }

  const changed = () => {
    current = { flushes: flushes.slice(), requests: new Map(requests), observed: new Map(observed) }
    for (const listener of listeners) listener()
  }

  const handle = (event: InspectEvent) => {
    if (event.type === 'mutation') {
      remember(pathOfWrite, event.mutationId, event.path, limit * 4)
      // A new set when it grows: snapshots already taken keep the one they saw.
      const known = observed.get(event.path)
      const contexts = new Set(known)
      for (const directive of event.directives) if (directive.kind !== 'all') contexts.add(directive.context)
      if (known && contexts.size === known.size) return
      observed.set(event.path, contexts)
    } else if (event.type === 'flush') {
      const directives = event.report.directives.map(({ directive, hits }) => ({
        directive,
        mutationPath: directive.mutationId === undefined ? undefined : pathOfWrite.get(directive.mutationId),
        hits: hits.map((hit) => {
          const logged: LoggedHit = { ...hit, requestId: undefined }
          if (hit.refetched) awaiting.push({ hit: logged, key: keyOfQuery(hit.queryKey), requestsSeen: 0 })
          return logged
        }),
      }))
      flushes = [{ id: nextFlush++, at: event.at, directives }, ...flushes].slice(0, limit)
    } else if (event.type === 'request') {
      remember(requests, event.id, { ...event, status: undefined, durationMs: undefined, settled: false }, limit * 4)
      const carried = new Set(event.items.flatMap(({ path, input }) => [itemKey(path, input), pathKey(path)]))
      awaiting = awaiting.filter((entry) => {
        if (carried.has(entry.key)) entry.hit.requestId = event.id
        else entry.requestsSeen++
        return entry.hit.requestId === undefined && entry.requestsSeen < requestsToWait
      })
    } else {
      const request = requests.get(event.id)
      if (!request) return
      request.status = event.status
      request.durationMs = event.durationMs
      request.settled = true
    }
    changed()
  }

  return {
    handle,
    snapshot: () => current,
    subscribe(onChange) {
      listeners.add(onChange)
      return () => {
        listeners.delete(onChange)
      }
    },
  }
}

function itemKey(path: string, input: unknown): string {
  return `${path}\u0000${stableKey(input)}`
}

function pathKey(path: string): string {
  return `${path}\u0000*`
}

// `['mizan', path, input?]`, or `['mizan', path, input, marker]` for an infinite query.
function keyOfQuery(queryKey: readonly unknown[]): string {
  const path = String(queryKey[1])
  return queryKey.length > 3 ? pathKey(path) : itemKey(path, queryKey[2])
}

// A Map keeps insertion order: the oldest entry goes once it holds more than `max`.
function remember<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.set(key, value)
  if (map.size > max) map.delete(map.keys().next().value as K)
}
