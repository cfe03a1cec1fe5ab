import { cleanup, render, screen } from '@testing-library/react'
import { QueryClient, useQuery } from '@tanstack/react-query'
import superjson from 'superjson'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { FlushedDirective, Transformer } from '@mizan/client'
import { applyFlush, createQueryIndex, MizanProvider } from '../src/index.ts'
import { recordParsedParams } from '../src/parsed-params.ts'
import { infiniteQueryKeyOf, queryKeyOf } from '../src/query-key.ts'
import { startParsedParamsServer } from './fixtures/parsed-params-app.ts'
import { readsAfter } from './fixtures/reads-after.ts'

// Issue 11, item 7: directives carry params from the server's parsed input, query keys the
// client's raw input. A context whose schema trims, coerces or fills defaults was never matched:
// the write succeeded and the page stayed stale. Each read's answer now says how the server
// parsed its params, and the provider's index knows the query by both forms.
afterEach(cleanup)

describe.each([
  ['superjson', superjson as Transformer],
  ['plain JSON', undefined],
])('a write naming parsed params refetches queries keyed with raw ones, with %s', (_name, transformer) => {
  let live: Awaited<ReturnType<typeof startParsedParamsServer>>
  beforeAll(async () => {
    live = await startParsedParamsServer(transformer)
  })
  afterAll(() => live.close())

  function Search({ q }: { q: string }) {
    const { data } = useQuery(live.mizan.search.queryOptions({ q }))
    return <li>{data ?? `search "${q}" loading`}</li>
  }
  function Page({ n }: { n: string }) {
    const { data } = useQuery(live.mizan.page.queryOptions({ n }))
    return <li>{data ?? `page ${n} loading`}</li>
  }
  function List({ projectId, done }: { projectId: number; done?: boolean }) {
    const { data } = useQuery(live.mizan.list.queryOptions(done === undefined ? { projectId } : { projectId, done }))
    return <li>{data ?? `list ${projectId} loading`}</li>
  }

  async function mount() {
    const { client, queryClient } = live.clients()
    render(
      <MizanProvider client={client} queryClient={queryClient}>
        <ul>
          <Search q=" apollo " />
          <Search q="gemini" />
          <Page n="3" />
          <Page n="4" />
          <List projectId={4} />
          <List projectId={5} done />
        </ul>
      </MizanProvider>,
    )
    for (const text of ['results for apollo', 'results for gemini', 'page 3', 'page 4', 'list 4', 'list 5']) await screen.findByText(text)
    await vi.waitFor(() => expect(queryClient.isFetching()).toBe(0))
    return { client, queryClient }
  }

  it('trim: search({ q: input.q }) refetches the component keyed { q: " apollo " }, and only it', async () => {
    const { client, queryClient } = await mount()
    expect(await readsAfter(live.reads, () => client.saveSearch.mutate({ q: 'apollo  ' }), queryClient)).toEqual(['search "apollo"'])
  })

  it('coerce: page({ n: 3 }) refetches the component keyed { n: "3" }', async () => {
    const { client, queryClient } = await mount()
    expect(await readsAfter(live.reads, () => client.turnPage.mutate({ n: 3 }), queryClient)).toEqual(['page 3'])
  })

  it('default: list({ projectId: 4, done: false }) refetches the component keyed { projectId: 4 }', async () => {
    const { client, queryClient } = await mount()
    expect(await readsAfter(live.reads, () => client.openTasks.mutate({ projectId: 4 }), queryClient)).toEqual(['list 4 done=false'])
  })

  it('default, partial: list.where({ done: false }) refetches { projectId: 4 } and not { projectId: 5, done: true }', async () => {
    const { client, queryClient } = await mount()
    expect(await readsAfter(live.reads, () => client.touchOpenLists.mutate(), queryClient)).toEqual(['list 4 done=false'])
  })
})

// The index on its own: parsed params recorded on a query (as a read's answer does, before its
// data arrives) make it a target of directives naming them, for as long as it is cached.
describe('the index of parsed params', () => {
  const exact = (params: object): FlushedDirective => ({ kind: 'exact', context: 'search', params, mutationId: 'm' })
  const partial = (params: Record<string, unknown>): FlushedDirective => ({ kind: 'partial', context: 'search', params, mutationId: 'm' })

  it('finds a query by its recorded params, follows a new answer, and forgets them when the query goes', () => {
    const queryClient = new QueryClient()
    const key = queryKeyOf('search', { q: ' a ', page: '1' }, superjson)
    queryClient.setQueryData(key, 'first')
    // Recorded before the index exists: a provider connects after its children's first reads.
    recordParsedParams(queryClient, key, { q: 'a', page: 1 }, superjson)
    const index = createQueryIndex(queryClient.getQueryCache())
    const hits = (directive: FlushedDirective) => applyFlush(queryClient, index, superjson, [directive]).size
    expect([hits(exact({ q: 'a', page: 1 })), hits(exact({ q: ' a ', page: '1' })), hits(exact({ q: 'a' }))]).toEqual([1, 1, 0])
    expect([hits(partial({ q: 'a' })), hits(partial({ page: '1' })), hits(partial({ q: 'a', page: '1' }))]).toEqual([1, 1, 0])
    recordParsedParams(queryClient, key, { q: 'b', page: 1 }, superjson)
    queryClient.setQueryData(key, 'second')
    expect([hits(exact({ q: 'a', page: 1 })), hits(exact({ q: 'b', page: 1 })), hits(partial({ q: 'a' })), hits(partial({ q: 'b' }))]).toEqual([0, 1, 0, 1])
    const found = [...applyFlush(queryClient, index, superjson, [exact({ q: 'b', page: 1 })])][0]
    expect(found?.queryKey).toEqual(key)
    queryClient.removeQueries({ queryKey: key, exact: true })
    expect([hits(exact({ q: 'b', page: 1 })), hits(partial({ q: 'b' }))]).toEqual([0, 0])
    index.close()
  })

  it("keeps an infinite query's parsed params without the cursor, as its key holds them", () => {
    const queryClient = new QueryClient()
    const key = infiniteQueryKeyOf('search', { q: ' a ' }, superjson)
    queryClient.setQueryData(key, { pages: [], pageParams: [] })
    const index = createQueryIndex(queryClient.getQueryCache())
    recordParsedParams(queryClient, key, { q: 'a', cursor: 2 }, superjson)
    queryClient.setQueryData(key, { pages: ['page'], pageParams: [2] })
    const hits = (directive: FlushedDirective) => [...applyFlush(queryClient, index, superjson, [directive])].map((query) => query.queryKey)
    expect(hits(exact({ q: 'a' }))).toEqual([key])
    expect(hits(partial({ q: 'a', cursor: undefined }))).toEqual([key])
    index.close()
  })
})
