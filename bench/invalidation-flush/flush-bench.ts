import { QueryClient, hashKey } from '@tanstack/react-query'
import type { Query } from '@tanstack/react-query'
import superjson from 'superjson'
import type { FlushedDirective } from '@mizan/client'
import { applyFlush, createQueryIndex } from '@mizan/react'
import type { QueryIndex } from '@mizan/react'

/** 100 scoped directives: 50 exact, 50 partial, all on the `project` context. */
export function makeDirectives(): FlushedDirective[] {
  const directives: FlushedDirective[] = []
  for (let i = 0; i < 50; i++) directives.push({ kind: 'exact', context: 'project', params: { id: i, owner: i % 10 }, mutationId: 'bench' })
  for (let i = 0; i < 50; i++) directives.push({ kind: 'partial', context: 'project', params: { owner: i % 10, id: i }, mutationId: 'bench' })
  return directives
}

/**
 * A cache of `total` queries: 100 of the `project` context (the ones the directives name) and
 * the rest of other contexts, unrelated to the flush.
 */
export function makeCache(total: number) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { gcTime: Number.POSITIVE_INFINITY } } })
  for (let i = 0; i < 100; i++) {
    queryClient.setQueryData(['mizan', 'project', superjson.serialize({ id: i, owner: i % 10 })], { id: i })
  }
  for (let i = 0; i < total - 100; i++) {
    queryClient.setQueryData(['mizan', `other${i % 20}`, superjson.serialize({ id: i })], { id: i })
  }
  return queryClient
}

/**
 * 100 partial directives on `project`, each naming one instance's `id`, so each matches exactly
 * one query whatever the size of the cache: the cost should follow these 100 hits.
 */
export function makePartialDirectives(): FlushedDirective[] {
  const directives: FlushedDirective[] = []
  for (let i = 0; i < 100; i++) directives.push({ kind: 'partial', context: 'project', params: { id: i }, mutationId: 'bench' })
  return directives
}

/** A cache of `size` queries, every one of them of the targeted `project` context. */
export function makeContextCache(size: number) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { gcTime: Number.POSITIVE_INFINITY } } })
  for (let i = 0; i < size; i++) {
    queryClient.setQueryData(['mizan', 'project', superjson.serialize({ id: i, owner: i % 10 })], { id: i })
  }
  return queryClient
}

function revalidate(queries: Iterable<Query>): void {
  for (const query of queries) if (query.state.isInvalidated) query.setState({ ...query.state, isInvalidated: false })
}

/** The index a provider keeps for the lifetime of its QueryClient, made once per cache. */
export function indexOf(queryClient: QueryClient): QueryIndex {
  return createQueryIndex(queryClient.getQueryCache())
}

/**
 * Times one Mizan flush (index lookups, no scan) on a warm cache, through the index kept for it
 * (as a provider keeps its own for as long as it is mounted); returns milliseconds.
 */
export function timeMizanFlush(queryClient: QueryClient, index: QueryIndex, directives: FlushedDirective[]): number {
  const start = performance.now()
  const hits = applyFlush(queryClient, index, superjson, directives)
  const elapsed = performance.now() - start
  revalidate(hits)
  return elapsed
}

/** Times the naive loop: one `invalidateQueries` per directive, each scanning the whole cache. */
export function timeNaiveLoop(queryClient: QueryClient, directives: FlushedDirective[]): number {
  const start = performance.now()
  for (const directive of directives) {
    if (directive.kind === 'exact') {
      void queryClient.invalidateQueries({ queryKey: ['mizan', directive.context, superjson.serialize(directive.params)], exact: true })
    } else if (directive.kind === 'partial') {
      const wanted = Object.entries(directive.params)
      void queryClient.invalidateQueries({
        queryKey: ['mizan', directive.context],
        // As a careful app would write it: plain fields read straight from the key's JSON form.
        predicate: (query) => {
          const input = (query.queryKey[2] as { json?: Record<string, unknown> } | undefined)?.json ?? {}
          return wanted.every(([field, value]) => input[field] === value)
        },
      })
    }
  }
  const elapsed = performance.now() - start
  revalidate(queryClient.getQueryCache().getAll())
  return elapsed
}

/**
 * The fair naive baseline: ONE `invalidateQueries` pass whose predicate checks every directive,
 * as a careful app would write it: the flush is grouped once (exact targets as the hashes of
 * their canonical keys, partial ones as field lists per context, whole contexts as a set), then
 * each cached query is tested once: `all`, its hash among the exact ones, its context whole, or
 * its params holding every field of a partial directive of its context (canonical equality of
 * each field's value). Returns milliseconds, grouping included.
 */
export function timeNaivePass(queryClient: QueryClient, directives: FlushedDirective[]): number {
  const start = performance.now()
  let all = false
  const exact = new Set<string>()
  const whole = new Set<string>()
  const partial = new Map<string, [string, unknown][][]>()
  for (const directive of directives) {
    if (directive.kind === 'all') all = true
    else if (directive.kind === 'whole') whole.add(directive.context)
    else if (directive.kind === 'exact') exact.add(hashKey(['mizan', directive.context, superjson.serialize(directive.params)]))
    else {
      const wanted = Object.entries(directive.params as Record<string, unknown>)
      const list = partial.get(directive.context)
      if (list) list.push(wanted)
      else partial.set(directive.context, [wanted])
    }
  }
  void queryClient.invalidateQueries({
    queryKey: ['mizan'],
    predicate: (query) => {
      if (all || exact.has(query.queryHash)) return true
      const context = query.queryKey[1] as string
      if (whole.has(context)) return true
      const wanted = partial.get(context)
      if (!wanted) return false
      const input = (query.queryKey[2] as { json?: Record<string, unknown> } | undefined)?.json ?? {}
      return wanted.some((fields) => fields.every(([field, value]) => sameValue(input[field], value)))
    },
  })
  const elapsed = performance.now() - start
  revalidate(queryClient.getQueryCache().getAll())
  return elapsed
}

// Canonical equality of one field's value: identical primitives, or objects of the same hash.
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  return typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && hashKey([a]) === hashKey([b])
}

/**
 * Times one Mizan flush with everything it memoises cold: a fresh QueryClient (`makeFresh`, not
 * timed) whose queries are new objects (so the per-query field keys, kept by query, are computed
 * again) and a fresh index built for it as a provider builds one at mount (timed apart, with no
 * field map yet). Returns the index build and the flush in milliseconds.
 */
export function timeColdFlush(makeFresh: () => QueryClient, directives: FlushedDirective[]): { index: number; flush: number } {
  const queryClient = makeFresh()
  const start = performance.now()
  const index = indexOf(queryClient)
  const built = performance.now()
  const hits = applyFlush(queryClient, index, superjson, directives)
  const elapsed = performance.now() - built
  revalidate(hits)
  index.close()
  queryClient.clear()
  return { index: built - start, flush: elapsed }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}
