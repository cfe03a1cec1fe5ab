import { isDeepStrictEqual } from 'node:util'
import { hashKey, InfiniteQueryObserver, QueryClient, QueryObserver } from '@tanstack/react-query'
import type { Query, QueryKey } from '@tanstack/react-query'
import fc from 'fast-check'
import superjson from 'superjson'
import { describe, expect, it, vi } from 'vitest'
import { canonicalKey, createInvalidationScheduler, jsonTransformer } from '@mizan/client'
import type { InvalidationDirective, Transformer } from '@mizan/client'
import { applyFlush, createQueryIndex } from '../src/index.ts'
import { infiniteQueryKeyOf, queryKeyOf } from '../src/query-key.ts'
import { fuzzRun } from './fixtures/fuzz-run.ts'

// Arbitrary sequences of directives, written by a few writes per tick over a few ticks, go
// through the client's scheduler and `applyFlush` (the flush without scanning) on one cache, and
// one by one through React Query's own `invalidateQueries` on an identical cache, with a
// predicate written from the documented rules:
// - all: every query whose key starts with 'mizan';
// - whole: the queries of that context (its whole dotted path);
// - exact: the context's queries whose params have the directive's canonical key (its plain and
//   its infinite query);
// - partial: the context's queries whose params hold each field with an equal canonical key, and
//   lack each field whose value is undefined (params that are no object lack every field);
// - scoped params with no canonical key (a cycle; a BigInt under plain JSON) widen to the whole
//   context; a query whose key Mizan did not make (its params do not decode) is matched by whole
//   and all only.
// After each tick, both caches must hold the same invalidated queries and have refetched the
// same ones (active, enabled, not static), and the flush must have fetched each at most once.

type Kind = 'active' | 'inactive' | 'disabled' | 'static'
const kinds: readonly Kind[] = ['active', 'inactive', 'disabled', 'static']

/** Contexts holding queries; 'ghost' is named by directives only. */
const contexts = ['project', 'project.tasks', 'note'] as const

function cycle(): Record<string, unknown> {
  const value: Record<string, unknown> = { id: 1 }
  value['self'] = value
  return value
}

interface Flavour {
  readonly transformer: Transformer
  /** The params of cached instances; undefined is a context without input. */
  readonly params: readonly unknown[]
  /** Fields partial directives pick from; an undefined value means "lacking it". */
  readonly fields: readonly (readonly [string, unknown])[]
  /** Params no canonical key can be made of. */
  readonly unkeyable: readonly unknown[]
  /** Keys of queries Mizan did not make, whose params do not decode. */
  readonly foreignKeys: readonly QueryKey[]
}

const flavours: readonly (readonly [string, Flavour])[] = [
  [
    'superjson',
    {
      transformer: superjson,
      params: [
        undefined,
        { id: 1 },
        { id: 2 },
        { id: 1, owner: 'a' },
        { owner: 'a', id: 1, done: undefined },
        { id: 1n },
        { id: '1' },
        { id: 1, at: new Date(0) },
        { id: 1, at: new Date(1) },
        { id: 2, tags: new Set(['a']) },
        { id: 2, tags: new Set(['b']) },
        { id: 2, m: new Map([['k', 1n]]) },
        { a: 1n, b: 1n },
        { b: 1n, a: 1n },
        { owner: 'b', n: { deep: [1, 2] } },
        {},
        7,
        [1, 2],
      ],
      fields: [
        ['id', 1],
        ['id', 2],
        ['id', 1n],
        ['id', '1'],
        ['owner', 'a'],
        ['owner', undefined],
        ['done', undefined],
        ['at', new Date(0)],
        ['tags', new Set(['a'])],
        ['m', new Map([['k', 1n]])],
        ['n', { deep: [1, 2] }],
        ['a', 1n],
        ['b', 1n],
      ],
      unkeyable: [cycle()],
      foreignKeys: [['mizan', 'note', { json: 1, meta: { values: ['no such type'], v: 1 } }]],
    },
  ],
  [
    'json',
    {
      transformer: jsonTransformer,
      params: [
        undefined,
        { id: 1 },
        { id: 2 },
        { id: 0 },
        { id: -0, owner: 'a' },
        { id: 1, owner: 'a' },
        { owner: 'a', id: 1, done: undefined },
        { id: '1' },
        { id: 2, tags: ['a'] },
        { id: 2, tags: ['b'] },
        { owner: 'b', n: { deep: [1, 2] } },
        {},
        7,
        [1, 2],
      ],
      fields: [
        ['id', 1],
        ['id', 2],
        ['id', 0],
        ['id', '1'],
        ['owner', 'a'],
        ['owner', undefined],
        ['done', undefined],
        ['tags', ['a']],
        ['n', { deep: [1, 2] }],
      ],
      unkeyable: [cycle(), 1n],
      foreignKeys: [],
    },
  ],
]

interface Entry {
  readonly key: QueryKey
  readonly infinite: boolean
}

/** Every instance of every context, plain and (for a few) infinite; equal keys once. */
function population(flavour: Flavour): Entry[] {
  const entries = new Map<string, Entry>()
  const add = (key: QueryKey, infinite: boolean) => {
    if (!entries.has(hashKey(key))) entries.set(hashKey(key), { key, infinite })
  }
  for (const context of contexts) for (const params of flavour.params) add(queryKeyOf(context, params, flavour.transformer), false)
  for (const params of flavour.params.slice(0, 4)) add(infiniteQueryKeyOf('project', params, flavour.transformer), true)
  for (const key of flavour.foreignKeys) add(key, false)
  return [...entries.values()]
}

/** A cache holding the population, each query of the given kind, counting each query's fetches. */
function buildCache(entries: readonly Entry[], of: readonly Kind[]) {
  const fetches = new Map<string, number>()
  const queryClient = new QueryClient({
    defaultOptions: {
      queries: {
        gcTime: Number.POSITIVE_INFINITY,
        retry: false,
        queryFn: async ({ queryKey }) => {
          fetches.set(hashKey(queryKey), (fetches.get(hashKey(queryKey)) ?? 0) + 1)
          return 'fresh'
        },
      },
    },
  })
  const observers: Array<() => void> = []
  const other = ['other', 1] as const
  queryClient.setQueryData(other, 'seed')
  observers.push(new QueryObserver(queryClient, { queryKey: other, staleTime: Number.POSITIVE_INFINITY }).subscribe(() => {}))
  entries.forEach(({ key, infinite }, position) => {
    const kind = of[position] ?? 'inactive'
    queryClient.setQueryData(key, infinite ? { pages: ['seed'], pageParams: [0] } : 'seed')
    if (kind === 'inactive') return
    // Fresh data and an infinite staleTime: mounting fetches nothing, only invalidation does.
    const options = { queryKey: key, enabled: kind !== 'disabled', staleTime: kind === 'static' ? ('static' as const) : Number.POSITIVE_INFINITY }
    const observer = infinite
      ? new InfiniteQueryObserver(queryClient, { ...options, initialPageParam: 0, getNextPageParam: () => undefined })
      : new QueryObserver(queryClient, options)
    observers.push(observer.subscribe(() => {}))
  })
  return { queryClient, fetches, close: () => observers.forEach((stop) => stop()) }
}

type Cache = ReturnType<typeof buildCache>

/** Each query's state after a tick: invalidated, and whether it was fetched during the tick. */
function outcome(cache: Cache) {
  return Object.fromEntries(
    cache.queryClient
      .getQueryCache()
      .getAll()
      .map((query) => [query.queryHash, { invalidated: query.state.isInvalidated, refetched: cache.fetches.has(query.queryHash) }]),
  )
}

/** The queries whose outcome differs, each with both outcomes: empty when the caches agree. */
function differences(flushed: ReturnType<typeof outcome>, reference: ReturnType<typeof outcome>): string[] {
  return Object.keys(reference)
    .filter((hash) => !isDeepStrictEqual(flushed[hash], reference[hash]))
    .map((hash) => `${hash}: flush ${JSON.stringify(flushed[hash])}, invalidateQueries ${JSON.stringify(reference[hash])}`)
}

// A refetch is marked as fetching the moment it starts: wait until every one has ended.
const settle = (queryClient: QueryClient) => vi.waitFor(() => expect(queryClient.isFetching()).toBe(0), { interval: 1 })

/** The scheduler flushes one microtask after the writes that fed it. */
const tick = () => new Promise<void>((resolve) => queueMicrotask(resolve))

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The documented matching rules, as a predicate for `invalidateQueries`. */
function matches(directive: InvalidationDirective, query: Query, transformer: Transformer): boolean {
  const [root, path, input, marker] = query.queryKey
  if (root !== 'mizan' || typeof path !== 'string') return false
  if (directive.kind === 'all') return true
  if (path !== directive.context) return false
  if (directive.kind === 'whole') return true
  const key = (value: unknown) => canonicalKey(value, transformer)
  // The directive's keys (params that have none widen to the whole context): for a partial one,
  // each field's key, undefined for a field the params must lack.
  let wanted: string | ReadonlyMap<string, string | undefined>
  try {
    if (directive.kind === 'exact') wanted = key(directive.params)
    else {
      const { params } = directive
      wanted = new Map(Object.keys(params).map((field) => [field, params[field] === undefined ? undefined : key(params[field])]))
    }
  } catch {
    return true
  }
  let params: unknown
  try {
    // An infinite query without input holds null where the input goes.
    params = input === undefined || (marker !== undefined && input === null) ? undefined : transformer.deserialize(input)
  } catch {
    return false
  }
  if (typeof wanted === 'string') return key(params) === wanted
  const own = isRecord(params) ? params : {}
  return [...wanted].every(([field, fieldKey]) => (fieldKey === undefined ? own[field] === undefined : own[field] !== undefined && key(own[field]) === fieldKey))
}

describe.each(flavours)('a flush with %s', (name, flavour) => {
  const { transformer } = flavour
  const entries = population(flavour)
  const context = fc.constantFrom(...contexts, 'ghost')
  const exactParams = fc.oneof({ arbitrary: fc.constantFrom(...flavour.params), weight: 8 }, { arbitrary: fc.constantFrom(...flavour.unkeyable), weight: 1 })
  const partialParams = fc.oneof(
    { arbitrary: fc.uniqueArray(fc.constantFrom(...flavour.fields), { maxLength: 3, selector: ([field]) => field }).map((picked) => Object.fromEntries(picked)), weight: 8 },
    { arbitrary: fc.constantFrom(...flavour.unkeyable).map((id) => ({ id })), weight: 1 },
  )
  const directive: fc.Arbitrary<InvalidationDirective> = fc.oneof(
    { arbitrary: context.map((at) => ({ kind: 'whole' as const, context: at })), weight: 3 },
    { arbitrary: fc.record({ context, params: exactParams }).map(({ context: at, params }) => ({ kind: 'exact' as const, context: at, params })), weight: 4 },
    { arbitrary: fc.record({ context, params: partialParams }).map(({ context: at, params }) => ({ kind: 'partial' as const, context: at, params })), weight: 4 },
    { arbitrary: fc.constant({ kind: 'all' as const }), weight: 1 },
  )
  /** Ticks of writes: each directive either joins the write before it or starts a new one. */
  const ticks = fc.array(fc.array(fc.record({ directive, newWrite: fc.boolean() }), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 3 })
  const populationKinds = fc.array(fc.constantFrom(...kinds), { minLength: entries.length, maxLength: entries.length })

  it('invalidates and refetches the same queries as invalidateQueries, one directive at a time', async () => {
    const run = fuzzRun(`flush equivalence (${name})`, 100)
    await fc.assert(
      fc.asyncProperty(populationKinds, ticks, async (of, writesByTick) => {
        const mizan = buildCache(entries, of)
        const reference = buildCache(entries, of)
        const index = createQueryIndex(mizan.queryClient.getQueryCache())
        const scheduler = createInvalidationScheduler({ transformer })
        scheduler.subscribe((directives) => applyFlush(mizan.queryClient, index, transformer, directives))
        try {
          for (const writes of writesByTick) {
            mizan.fetches.clear()
            reference.fetches.clear()
            let write: InvalidationDirective[] = []
            writes.forEach(({ directive: next, newWrite }, position) => {
              if (newWrite && write.length > 0) {
                scheduler.enqueue(write, `write-${position}`)
                write = []
              }
              write.push(next)
            })
            scheduler.enqueue(write, 'last-write')
            await tick()
            await settle(mizan.queryClient)
            for (const { directive: next } of writes) {
              await reference.queryClient.invalidateQueries({ predicate: (query) => matches(next, query, transformer) })
            }
            await settle(reference.queryClient)
            const differ = differences(outcome(mizan), outcome(reference))
            expect(differ.length, `queries treated differently, e.g.\n${differ.slice(0, 3).join('\n')}\n`).toBe(0)
            for (const [hash, count] of mizan.fetches) expect(count, `fetches of ${hash} in one flush`).toBe(1)
          }
        } finally {
          mizan.close()
          reference.close()
          index.close()
        }
      }),
      run,
    )
  }, 60_000)
})
