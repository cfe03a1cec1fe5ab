import { QueryClient } from '@tanstack/react-query'
import superjson from 'superjson'
import { describe, expect, it, vi } from 'vitest'
import type { FlushedDirective } from '@mizan/client'
import { applyFlush, createQueryIndex } from '../src/index.ts'

// Timing belongs to the benchmark (bench/invalidation-flush). This pins the reason it holds: a
// flush never walks the cache, only the queries of the contexts its directives name.
describe('a flush', () => {
  it('never scans the cache, whatever the number of unrelated queries', () => {
    const queryClient = new QueryClient()
    for (let i = 0; i < 20; i++) queryClient.setQueryData(['mizan', 'project', superjson.serialize({ id: i, owner: i % 2 })], i)
    for (let i = 0; i < 5000; i++) queryClient.setQueryData(['mizan', `other${i % 10}`, superjson.serialize({ id: i })], i)
    const queryCache = queryClient.getQueryCache()
    const index = createQueryIndex(queryCache)
    const visited: string[] = []
    const byPath = index.byPath
    index.byPath = (path) => {
      visited.push(path)
      return byPath(path)
    }
    const getAll = vi.spyOn(queryCache, 'getAll')
    const findAll = vi.spyOn(queryCache, 'findAll')
    const directives: FlushedDirective[] = [
      { kind: 'exact', context: 'project', params: { id: 3, owner: 1 }, mutationId: 'm' },
      { kind: 'partial', context: 'project', params: { owner: 0 }, mutationId: 'm' },
      { kind: 'whole', context: 'nothing.cached', mutationId: 'm' },
    ]
    const hits = applyFlush(queryClient, index, superjson, directives)
    expect(getAll).not.toHaveBeenCalled()
    expect(findAll).not.toHaveBeenCalled()
    expect(visited).toEqual(['project', 'nothing.cached'])
    expect([...hits].map((query) => query.state.data).sort((a, b) => Number(a) - Number(b))).toEqual([0, 2, 3, 4, 6, 8, 10, 12, 14, 16, 18])
  })

  it('keeps its index current as queries come and go', () => {
    const queryClient = new QueryClient()
    const index = createQueryIndex(queryClient.getQueryCache())
    queryClient.setQueryData(['mizan', 'cart'], [])
    queryClient.setQueryData(['not-mizan', 'cart'], [])
    expect(index.byPath('cart')?.size).toBe(1)
    queryClient.removeQueries({ queryKey: ['mizan', 'cart'] })
    expect(index.byPath('cart')).toBeUndefined()
    index.close()
    queryClient.setQueryData(['mizan', 'cart'], [])
    expect(index.byPath('cart')).toBeUndefined()
  })
})
