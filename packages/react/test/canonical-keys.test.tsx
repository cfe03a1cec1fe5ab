import { cleanup, render, screen } from '@testing-library/react'
import { QueryClient, QueryObserver, useQuery } from '@tanstack/react-query'
import superjson from 'superjson'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { fetchWithInvalidation, jsonTransformer } from '@mizan/client'
import type { FlushedDirective, Transformer } from '@mizan/client'
import { applyFlush, createMizanReact, createQueryIndex, MizanProvider } from '../src/index.ts'
import { startTasksServer } from './fixtures/tasks-app.ts'
import { readsAfter } from './fixtures/reads-after.ts'

// Issue 11 item 1 / issue 10 bug 4: one canonical key on the client. Query keys hold the
// canonical form of the params, so `{ a, b: undefined }` and `{ a }` are one cache entry, and
// directives decoded from the wire find the query a component keyed with its raw params.
afterEach(cleanup)

describe.each([
  ['superjson', superjson as Transformer],
  ['plain JSON', undefined],
])('through the bridge, with %s', (_name, transformer) => {
  let live: Awaited<ReturnType<typeof startTasksServer>>
  beforeAll(async () => {
    live = await startTasksServer(transformer)
  })
  afterAll(() => live.close())

  type Filter = { projectId: number; done?: boolean | undefined }
  function Tasks({ filter, label }: { filter: Filter; label: string }) {
    const { data } = useQuery(live.mizan.tasks.queryOptions(filter))
    return <li>{data ? `${label}: ${data[0]}` : `${label}: loading`}</li>
  }

  async function mount(filters: Record<string, Filter>) {
    const { client, queryClient } = live.clients()
    render(
      <MizanProvider client={client} queryClient={queryClient}>
        <ul>
          {Object.entries(filters).map(([label, filter]) => (
            <Tasks key={label} label={label} filter={filter} />
          ))}
        </ul>
      </MizanProvider>,
    )
    for (const label of Object.keys(filters)) await screen.findByText(`${label}: task of project ${filters[label]!.projectId}`)
    await vi.waitFor(() => expect(queryClient.isFetching()).toBe(0))
    return { client, queryClient }
  }

  it('keys { projectId: 4, done: undefined } like { projectId: 4 }: one cache entry, one read', async () => {
    live.reads.length = 0
    const { queryClient } = await mount({ plain: { projectId: 4 }, undefinedDone: { projectId: 4, done: undefined } })
    expect(live.reads).toEqual(['tasks 4'])
    expect(queryClient.getQueryCache().findAll({ queryKey: ['mizan', 'tasks'] })).toHaveLength(1)
    expect(live.mizan.tasks.queryKey({ projectId: 4, done: undefined })).toEqual(live.mizan.tasks.queryKey({ projectId: 4 }))
  })

  it('refetches the mounted tasks({ projectId: 4 }) after a write invalidating tasks({ projectId, done: input.done }) with done absent', async () => {
    const { client, queryClient } = await mount({ plain: { projectId: 4 }, open: { projectId: 4, done: false }, other: { projectId: 5 } })
    expect(await readsAfter(live.reads, () => client.addTask.mutate({ projectId: 4 }), queryClient)).toEqual(['tasks 4'])
    expect(await readsAfter(live.reads, () => client.addTask.mutate({ projectId: 4, done: false }), queryClient)).toEqual(['tasks 4 done=false'])
  })

  it('refetches through a Mizan-Invalidate header saying `all`: every Mizan query, and no other', async () => {
    const { client, queryClient } = live.clients()
    let otherFetches = 0
    function Other() {
      const { data } = useQuery({ queryKey: ['not-mizan', 'weather'], queryFn: () => ++otherFetches })
      return <li>weather {data ?? 'loading'}</li>
    }
    function Projects() {
      const { data } = useQuery(live.mizan.projects.queryOptions())
      return <li>projects {data ? data.length : 'loading'}</li>
    }
    render(
      <MizanProvider client={client} queryClient={queryClient}>
        <Tasks label="four" filter={{ projectId: 4 }} />
        <Tasks label="five" filter={{ projectId: 5, done: true }} />
        <Projects />
        <Other />
      </MizanProvider>,
    )
    await screen.findByText('weather 1')
    await screen.findByText('projects 1')
    await screen.findByText('five: task of project 5')
    await vi.waitFor(() => expect(queryClient.isFetching()).toBe(0))
    const reads = await readsAfter(live.reads, async () => {
      const response = await fetchWithInvalidation(client)(`${live.origin}/forms/import`, { method: 'POST' })
      expect(response.status).toBe(204)
    }, queryClient)
    expect(reads).toEqual(['projects', 'tasks 4', 'tasks 5 done=true'])
    expect(otherFetches).toBe(1)
    expect(queryClient.getQueryState(['not-mizan', 'weather'])?.isInvalidated).toBe(false)
  })
})

describe('through the bridge, with superjson only', () => {
  let live: Awaited<ReturnType<typeof startTasksServer>>
  beforeAll(async () => {
    live = await startTasksServer(superjson)
  })
  afterAll(() => live.close())

  // Plain JSON drops `done: undefined` on its way out of the server, so there the directive is
  // `where({ projectId: 4 })` and refetches both lists: more, never less.
  it('where({ projectId: 4, done: undefined }) refetches the lists of project 4 without a done filter only', async () => {
    const { client, queryClient } = live.clients()
    function Tasks({ filter, label }: { filter: { projectId: number; done?: boolean }; label: string }) {
      const { data } = useQuery(live.mizan.tasks.queryOptions(filter))
      return <li>{data ? `${label} ready` : `${label} loading`}</li>
    }
    render(
      <MizanProvider client={client} queryClient={queryClient}>
        <Tasks label="all" filter={{ projectId: 4 }} />
        <Tasks label="done" filter={{ projectId: 4, done: true }} />
      </MizanProvider>,
    )
    await screen.findByText('all ready')
    await screen.findByText('done ready')
    await vi.waitFor(() => expect(queryClient.isFetching()).toBe(0))
    live.reads.length = 0
    await client.closeTasks.mutate({ projectId: 4 })
    await vi.waitFor(() => expect(queryClient.isFetching()).toBe(0))
    expect(live.reads).toEqual(['tasks 4'])
  })
})

// The flush on its own: directives as the client decodes them from the wire (serialised by the
// server's transformer, sent as JSON text, deserialised) against keys made from raw params.
describe('a flush finds queries keyed with raw params', () => {
  type Params = Record<string, unknown>
  const fromWire = (transformer: Transformer, directives: readonly object[]) =>
    (transformer.deserialize(JSON.parse(JSON.stringify(transformer.serialize(directives)))) as FlushedDirective[]).map((d) => ({ ...d, mutationId: 'm' }))

  function cacheOf(transformer: Transformer, entries: Record<string, Params | undefined>) {
    const mizan = createMizanReact<never>({ transformer })
    const queryClient = new QueryClient()
    const keyOf = (params: Params | undefined) => (mizan as unknown as Record<string, { queryKey(p?: unknown): readonly unknown[] }>)['agenda']!.queryKey(params)
    for (const [name, params] of Object.entries(entries)) queryClient.setQueryData(keyOf(params), name)
    const index = createQueryIndex(queryClient.getQueryCache())
    const hitsOf = (directives: readonly object[]) =>
      [...applyFlush(queryClient, index, transformer, fromWire(transformer, directives))].map((query) => String(query.state.data)).sort()
    return { queryClient, hitsOf, keyOf }
  }

  it('with superjson: Dates, BigInt, Sets, Maps, shared references and undefined fields', () => {
    const day = new Date(Date.UTC(2026, 0, 1))
    const raw = {
      from: day,
      to: day, // one Date used twice: a referential equality in superjson's own form
      owner: 10n,
      tags: new Set(['a', 'b']),
      byId: new Map([[1, 'x']]),
      note: undefined,
    }
    const { hitsOf, keyOf } = cacheOf(superjson, {
      raw,
      otherOwner: { ...raw, owner: 11n },
      otherTags: { ...raw, tags: new Set(['a']) },
      otherMap: { ...raw, byId: new Map([[1, 'y']]) },
      otherDay: { ...raw, from: new Date(Date.UTC(2026, 0, 2)) },
      withNote: { ...raw, note: 'kept' },
    })
    // Equal values built afresh, as a decoded directive holds them.
    const same = { from: new Date(day), to: new Date(day), owner: 10n, tags: new Set(['a', 'b']), byId: new Map([[1, 'x']]) }
    expect(keyOf(raw)).toEqual(keyOf(same))
    expect(hitsOf([{ kind: 'exact', context: 'agenda', params: same }])).toEqual(['raw'])
    expect(hitsOf([{ kind: 'exact', context: 'agenda', params: { ...same, note: undefined } }])).toEqual(['raw'])
    expect(hitsOf([{ kind: 'exact', context: 'agenda', params: { ...same, owner: 11n } }])).toEqual(['otherOwner'])
    expect(hitsOf([{ kind: 'partial', context: 'agenda', params: { owner: 11n } }])).toEqual(['otherOwner'])
    expect(hitsOf([{ kind: 'partial', context: 'agenda', params: { tags: new Set(['a']) } }])).toEqual(['otherTags'])
    expect(hitsOf([{ kind: 'partial', context: 'agenda', params: { byId: new Map([[1, 'y']]) } }])).toEqual(['otherMap'])
    expect(hitsOf([{ kind: 'partial', context: 'agenda', params: { from: new Date(Date.UTC(2026, 0, 2)) } }])).toEqual(['otherDay'])
    expect(hitsOf([{ kind: 'partial', context: 'agenda', params: { note: 'kept' } }])).toEqual(['withNote'])
    // An undefined field matches the instances whose params lack it, not every instance.
    expect(hitsOf([{ kind: 'partial', context: 'agenda', params: { owner: 10n, note: undefined } }])).toEqual(['otherDay', 'otherMap', 'otherTags', 'raw'])
  })

  it('with plain JSON: Dates (strings on the wire) and undefined fields', () => {
    const day = new Date(Date.UTC(2026, 0, 1))
    const { hitsOf, keyOf } = cacheOf(jsonTransformer, {
      raw: { day, projectId: 4, done: undefined },
      done: { day, projectId: 4, done: true },
      otherDay: { day: new Date(Date.UTC(2026, 0, 2)), projectId: 4 },
    })
    expect(keyOf({ projectId: 4, day, done: undefined })).toEqual(keyOf({ projectId: 4, day }))
    expect(hitsOf([{ kind: 'exact', context: 'agenda', params: { projectId: 4, day, done: undefined } }])).toEqual(['raw'])
    expect(hitsOf([{ kind: 'exact', context: 'agenda', params: { projectId: 4, day: day.toISOString() } }])).toEqual(['raw'])
    expect(hitsOf([{ kind: 'partial', context: 'agenda', params: { day } }])).toEqual(['done', 'raw'])
    expect(hitsOf([{ kind: 'partial', context: 'agenda', params: { done: true } }])).toEqual(['done'])
  })

  it('an undefined field of a partial directive matches only instances lacking it (applied directly)', () => {
    const { queryClient, keyOf } = cacheOf(superjson, { lacking: { projectId: 4 }, holding: { projectId: 4, done: false }, other: { projectId: 5 } })
    const index = createQueryIndex(queryClient.getQueryCache())
    const hits = applyFlush(queryClient, index, superjson, [{ kind: 'partial', context: 'agenda', params: { projectId: 4, done: undefined }, mutationId: 'm' }])
    expect([...hits].map((query) => query.queryKey)).toEqual([keyOf({ projectId: 4 })])
    const onlyUndefined = applyFlush(queryClient, index, superjson, [{ kind: 'partial', context: 'agenda', params: { done: undefined }, mutationId: 'm' }])
    expect([...onlyUndefined].map((query) => query.state.data).sort()).toEqual(['lacking', 'other'])
  })

  it.each([
    ['superjson', superjson as Transformer],
    ['plain JSON', jsonTransformer],
  ])('never crashes on queries whose keys Mizan did not make (%s)', (_name, transformer) => {
    const queryClient = new QueryClient()
    const handMade: unknown[][] = [
      ['mizan', 'agenda', 'garbage'],
      ['mizan', 'agenda', 5],
      ['mizan', 'agenda', null],
      ['mizan', 'agenda', { json: { a: 1 }, meta: { values: { a: ['no-such-type'] } } }],
      ['mizan', 'agenda', { json: 5 }],
      ['mizan', 'agenda', { a: 1 }, 'extra', 'parts'],
      ['mizan', 'agenda'],
    ]
    for (const [i, key] of handMade.entries()) queryClient.setQueryData(key, `hand ${i}`)
    const mizan = createMizanReact<never>({ transformer }) as unknown as Record<string, { queryKey(p?: unknown): readonly unknown[] }>
    queryClient.setQueryData(mizan['agenda']!.queryKey({ a: 1 }), 'mizan')
    const index = createQueryIndex(queryClient.getQueryCache())
    const flush = (directive: object) =>
      [...applyFlush(queryClient, index, transformer, [{ ...directive, mutationId: 'm' } as FlushedDirective])].map((query) => query.state.data)
    expect(flush({ kind: 'partial', context: 'agenda', params: { a: 1 } })).toContain('mizan')
    expect(flush({ kind: 'exact', context: 'agenda', params: { a: 1 } })).toEqual(['mizan'])
    expect(flush({ kind: 'whole', context: 'agenda' })).toHaveLength(handMade.length + 1)
    expect(flush({ kind: 'all' })).toHaveLength(handMade.length + 1)
  })
})

describe('an `all` directive', () => {
  it('invalidates every Mizan query, refetching the active ones, and leaves other queries alone', async () => {
    const queryClient = new QueryClient({ defaultOptions: { queries: { gcTime: Number.POSITIVE_INFINITY, retry: false } } })
    const fetched: string[] = []
    const queries = {
      'active project': { key: ['mizan', 'project', { json: { id: 1 } }], active: true },
      'active cart': { key: ['mizan', 'shop.cart'], active: true },
      'inactive note': { key: ['mizan', 'note', { json: { n: 1 } }], active: false },
      'active other': { key: ['not-mizan', 'weather'], active: true },
      'inactive other': { key: ['other'], active: false },
    }
    const stops: Array<() => void> = []
    for (const [name, { key, active }] of Object.entries(queries)) {
      const options = { queryKey: key, queryFn: async () => (fetched.push(name), name) }
      await queryClient.prefetchQuery(options)
      if (active) stops.push(new QueryObserver(queryClient, options).subscribe(() => {}))
    }
    fetched.length = 0
    const index = createQueryIndex(queryClient.getQueryCache())
    const hits = applyFlush(queryClient, index, superjson, [{ kind: 'all', mutationId: 'm' }])
    expect([...hits].map((query) => query.queryKey[1]).sort()).toEqual(['note', 'project', 'shop.cart'])
    await vi.waitFor(() => expect(queryClient.isFetching()).toBe(0))
    expect(fetched.sort()).toEqual(['active cart', 'active project'])
    const invalidated = Object.fromEntries(Object.entries(queries).map(([name, { key }]) => [name, queryClient.getQueryState(key)!.isInvalidated]))
    expect(invalidated).toEqual({
      'active project': false, // refetched, so valid again
      'active cart': false,
      'inactive note': true,
      'active other': false,
      'inactive other': false,
    })
    stops.forEach((stop) => stop())
    index.close()
  })
})
