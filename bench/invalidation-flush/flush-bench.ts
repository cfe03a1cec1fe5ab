import { QueryClient } from '@tanstack/react-query'
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

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}
