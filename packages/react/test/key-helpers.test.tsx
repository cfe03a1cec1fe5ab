import { cleanup, render, screen } from '@testing-library/react'
import { QueryClient, skipToken, useQuery } from '@tanstack/react-query'
import type { QueryKey } from '@tanstack/react-query'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMizanReact, MizanProvider } from '../src/index.ts'
import type { NestedRouter } from './fixtures/nested-router.ts'
import { serveDuringTests } from './fixtures/server.ts'
import { createTestClients, logAfterMarker, mizan } from './fixtures/setup.tsx'

const live = serveDuringTests()
afterEach(() => {
  cleanup()
  live.current.reset()
})

/** The keys of the queries a filter leaves invalidated, sorted. */
async function invalidatedBy(queryClient: QueryClient, invalidate: (queryClient: QueryClient) => Promise<void>) {
  await invalidate(queryClient)
  return queryClient
    .getQueryCache()
    .getAll()
    .filter((query) => query.state.isInvalidated)
    .map((query) => JSON.stringify(query.queryKey))
    .sort()
}

function seed(queryClient: QueryClient, keys: readonly QueryKey[]) {
  for (const key of keys) queryClient.setQueryData(key, 'seeded')
}

describe('skipToken', () => {
  it('makes a conditional query: disabled, no read, until it has params', async () => {
    const { client, queryClient } = createTestClients(live.current.url)
    function Maybe({ id }: { id?: number }) {
      const { data, status, fetchStatus } = useQuery(mizan.project.queryOptions(id ? { id, page: 1 } : skipToken))
      const note = mizan.note.useQuery(id ? { n: id } : skipToken)
      return <p>{data ? `${data.label}, ${note.data}` : `${status} ${fetchStatus}`}</p>
    }
    const page = render(
      <MizanProvider client={client} queryClient={queryClient}>
        <Maybe />
      </MizanProvider>,
    )
    expect(screen.getByText('pending idle')).toBeTruthy()
    expect((await logAfterMarker({ client, queryClient }, live.current.log)).reads).toEqual([])
    page.rerender(
      <MizanProvider client={client} queryClient={queryClient}>
        <Maybe id={3} />
      </MizanProvider>,
    )
    expect(await screen.findByText('project 3 page 1, note 3')).toBeTruthy()
  })
})

describe('key helpers', () => {
  const nested = createMizanReact<NestedRouter>()
  const nestedKeys: QueryKey[] = [
    nested.shop.cart.queryKey(),
    nested.shop.order.queryKey({ id: 1 }),
    nested.shop.admin.stock.queryKey(),
    nested.shopping.list.queryKey(),
    nested.shopFront.queryKey(),
    ['other', 'shop.cart'],
  ]

  it('pathFilter() of a sub-router hits its procedures at any depth, not a sibling sharing its prefix', async () => {
    const queryClient = new QueryClient()
    seed(queryClient, nestedKeys)
    expect(await invalidatedBy(queryClient, (qc) => qc.invalidateQueries(nested.shop.pathFilter()))).toEqual([
      '["mizan","shop.admin.stock"]',
      '["mizan","shop.cart"]',
      '["mizan","shop.order",{"id":1}]',
    ])
    const again = new QueryClient()
    seed(again, nestedKeys)
    expect(await invalidatedBy(again, (qc) => qc.invalidateQueries(nested.shop.admin.pathFilter()))).toEqual(['["mizan","shop.admin.stock"]'])
    expect(again.isFetching(nested.shopping.pathFilter())).toBe(0)
  })

  it('queryFilter(params?) hits one instance (and its pages), or every instance of the context', async () => {
    const keys: QueryKey[] = [
      mizan.project.queryKey({ id: 1, page: 1 }),
      mizan.project.queryKey({ id: 1, page: 2 }),
      mizan.note.queryKey({ n: 1 }),
      mizan.feed.infiniteQueryKey({ topic: 'a' }),
      mizan.feed.queryKey({ topic: 'b' }),
    ]
    const one = new QueryClient()
    seed(one, keys)
    expect(await invalidatedBy(one, (qc) => qc.invalidateQueries(mizan.project.queryFilter({ id: 1, page: 2 })))).toEqual([
      JSON.stringify(mizan.project.queryKey({ id: 1, page: 2 })),
    ])
    const feed = new QueryClient()
    seed(feed, keys)
    expect(await invalidatedBy(feed, (qc) => qc.invalidateQueries(mizan.feed.queryFilter({ topic: 'a' })))).toEqual([
      JSON.stringify(mizan.feed.infiniteQueryKey({ topic: 'a' })),
    ])
    const every = new QueryClient()
    seed(every, keys)
    const withFilters = mizan.project.queryFilter(undefined, { predicate: (query) => query.queryKey.length === 3 })
    expect(await invalidatedBy(every, (qc) => qc.invalidateQueries(withFilters))).toEqual(
      [mizan.project.queryKey({ id: 1, page: 1 }), mizan.project.queryKey({ id: 1, page: 2 })].map((key) => JSON.stringify(key)).sort(),
    )
  })

  it('infiniteQueryKey(params) is the key infiniteQueryOptions uses, typed with its pages', () => {
    const options = mizan.feed.infiniteQueryOptions({ topic: 'a' }, { initialPageParam: 0, getNextPageParam: () => null })
    expect(mizan.feed.infiniteQueryKey({ topic: 'a' })).toEqual(options.queryKey)
    const queryClient = new QueryClient()
    queryClient.setQueryData(mizan.feed.infiniteQueryKey({ topic: 'a' }), { pages: [{ items: ['a 0'], next: null }], pageParams: [0] })
    expect(queryClient.getQueryData(options.queryKey)?.pages[0]?.items).toEqual(['a 0'])
  })

  it('mutationKey() is the key of the mutation options, for useIsMutating and useMutationState', async () => {
    const { client, queryClient } = createTestClients(live.current.url)
    expect(mizan.touchOne.mutationKey()).toEqual(mizan.touchOne.mutationOptions().mutationKey)
    expect(nested.shop.checkout.mutationKey()).toEqual(['mizan', 'shop.checkout'])
    let touch: ReturnType<typeof mizan.touchOne.useMutation> | undefined
    function Writer() {
      touch = mizan.touchOne.useMutation()
      return null
    }
    render(
      <MizanProvider client={client} queryClient={queryClient}>
        <Writer />
      </MizanProvider>,
    )
    await touch!.mutateAsync({ id: 1, page: 1 })
    expect(queryClient.getMutationCache().findAll({ mutationKey: mizan.touchOne.mutationKey() })).toHaveLength(1)
    expect(queryClient.getMutationCache().findAll({ mutationKey: mizan.touchAll.mutationKey() })).toHaveLength(0)
  })
})

describe('request options of a mutation', () => {
  function recordingClients() {
    const sent: Array<{ path: string; headers: Record<string, string> }> = []
    const clients = createTestClients(live.current.url, {
      headers: { authorization: 'client-wide', 'x-both': 'client' },
      fetch: (input, init) => {
        sent.push({ path: new URL(String(input)).pathname, headers: { ...(init?.headers as Record<string, string>) } })
        return fetch(input, init)
      },
    })
    return { ...clients, sent }
  }

  it('send per-call headers, fixed or computed from the input', async () => {
    const { client, queryClient, sent } = recordingClients()
    let fixed: ReturnType<typeof mizan.touchOne.useMutation> | undefined
    let computed: ReturnType<typeof mizan.touchOne.useMutation> | undefined
    function Writer() {
      fixed = mizan.touchOne.useMutation({ request: { headers: { 'x-trace': 't-1', 'x-both': 'call' } } })
      computed = mizan.touchOne.useMutation({ request: (input) => ({ headers: { 'idempotency-key': `touch-${input.id}` } }) })
      return null
    }
    render(
      <MizanProvider client={client} queryClient={queryClient}>
        <Writer />
      </MizanProvider>,
    )
    await fixed!.mutateAsync({ id: 1, page: 1 })
    await computed!.mutateAsync({ id: 2, page: 1 })
    const writes = sent.filter((request) => request.path.endsWith('/m/touchOne'))
    // With the CSRF token (and its cookie: Node keeps no cookie jar) every write carries.
    const csrf = { 'mizan-csrf': expect.any(String), cookie: expect.stringMatching(/^mizan-csrf=/) }
    expect(writes.map((write) => write.headers)).toEqual([
      { authorization: 'client-wide', 'x-both': 'call', 'x-trace': 't-1', 'mizan-mutation-id': expect.any(String), 'content-type': 'application/json', ...csrf },
      { authorization: 'client-wide', 'x-both': 'client', 'idempotency-key': 'touch-2', 'mizan-mutation-id': expect.any(String), 'content-type': 'application/json', ...csrf },
    ])
  })

  it('abort with their signal', async () => {
    const { client, queryClient, sent } = recordingClients()
    const controller = new AbortController()
    let touch: ReturnType<typeof mizan.touchOne.useMutation> | undefined
    function Writer() {
      touch = mizan.touchOne.useMutation({ request: { signal: controller.signal } })
      return null
    }
    render(
      <MizanProvider client={client} queryClient={queryClient}>
        <Writer />
      </MizanProvider>,
    )
    // A first write gets the CSRF token, so the aborted one goes straight to fetch, signal and all.
    await touch!.mutateAsync({ id: 1, page: 1 })
    controller.abort()
    await expect(touch!.mutateAsync({ id: 1, page: 1 })).rejects.toMatchObject({ name: 'AbortError' })
    await vi.waitFor(() => expect(sent.filter((request) => request.path.endsWith('/m/touchOne'))).toHaveLength(2))
  })
})
