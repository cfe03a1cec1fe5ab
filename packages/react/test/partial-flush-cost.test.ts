import { QueryClient } from '@tanstack/react-query'
import superjson from 'superjson'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { holdsFields } from '@mizan/client'
import type { FlushedDirective } from '@mizan/client'
import { applyFlush, createQueryIndex } from '../src/index.ts'

// Issue 11: partial targets cost time in proportion to the queries of their context. Timing
// belongs to the benchmark (bench:flush); this counts the per-query matching instead: once the
// index knows a field, a partial flush checks only the queries holding the wanted values.
vi.mock('@mizan/client', async (importOriginal) => {
  const original = await importOriginal<typeof import('@mizan/client')>()
  return { ...original, holdsFields: vi.fn(original.holdsFields) }
})
const matched = vi.mocked(holdsFields)

const partial = (params: Record<string, unknown>): FlushedDirective => ({ kind: 'partial', context: 'project', params, mutationId: 'm' })

function contextOf(size: number) {
  const queryClient = new QueryClient()
  for (let i = 0; i < size; i++) {
    queryClient.setQueryData(['mizan', 'project', superjson.serialize(i % 100 === 99 ? { id: i } : { id: i, owner: i % 10 })], i)
  }
  const index = createQueryIndex(queryClient.getQueryCache())
  const flush = (directives: FlushedDirective[]) =>
    [...applyFlush(queryClient, index, superjson, directives)].map((query) => query.state.data as number).sort((a, b) => a - b)
  return { queryClient, index, flush }
}

describe('a partial flush over 10,000 queries of one context', () => {
  beforeEach(() => matched.mockClear())

  it('checks only the queries holding the wanted values', () => {
    const { flush } = contextOf(10_000)
    // The first directive naming `id` builds the index of that field.
    expect(flush([partial({ id: 10_001 })])).toEqual([])
    matched.mockClear()
    const directives = Array.from({ length: 100 }, (_, i) => partial({ id: i * 37 }))
    expect(flush(directives)).toEqual(Array.from({ length: 100 }, (_, i) => i * 37))
    expect(matched).toHaveBeenCalledTimes(100)
  })

  it('checks the smallest set when several fields are wanted, and the lacking ones for an undefined field', () => {
    const { flush } = contextOf(10_000)
    flush([partial({ id: -1, owner: -1 })])
    matched.mockClear()
    expect(flush([partial({ owner: 3, id: 13 })])).toEqual([13])
    expect(matched).toHaveBeenCalledTimes(1)
    matched.mockClear()
    // 100 queries lack `owner` (every hundredth one): only they are checked.
    const lacking = flush([partial({ owner: undefined })])
    expect(lacking).toHaveLength(100)
    expect(lacking.every((i) => i % 100 === 99)).toBe(true)
    expect(matched).toHaveBeenCalledTimes(100)
  })

  it('keeps its field maps current as queries come and go', () => {
    const { queryClient, flush } = contextOf(1000)
    expect(flush([partial({ owner: 4 })])).toHaveLength(100)
    queryClient.setQueryData(['mizan', 'project', superjson.serialize({ id: 5000, owner: 4 })], 5000)
    queryClient.removeQueries({ queryKey: ['mizan', 'project', superjson.serialize({ id: 4, owner: 4 })], exact: true })
    const hits = flush([partial({ owner: 4 })])
    expect(hits).toHaveLength(100)
    expect(hits).toContain(5000)
    expect(hits).not.toContain(4)
    matched.mockClear()
    expect(flush([partial({ id: 5000 })])).toEqual([5000])
    expect(flush([partial({ id: 4 })])).toEqual([])
    expect(matched).toHaveBeenCalledTimes(1)
  })
})
