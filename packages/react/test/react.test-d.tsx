// Type tests: checked by `tsc -b` inside `npm test`.
import { QueryClient, skipToken, useInfiniteQuery, useIsMutating, useMutation, useQueries, useQuery, useSuspenseQuery } from '@tanstack/react-query'
import type { InfiniteData } from '@tanstack/react-query'
import { describe, expectTypeOf, it } from 'vitest'
import type { MizanClientError } from '@mizan/client'
import type { AppRouter } from './fixtures/app-router.ts'
import type { NestedRouter } from './fixtures/nested-router.ts'
import { awaitInvalidation, createMizanReact, createNamedProvider } from '../src/index.ts'
import type { MizanDataKey, MizanMutationKey, MizanPathFilter, MizanQueryOptions, MizanSkippableQueryOptions } from '../src/index.ts'

const mizan = createMizanReact<AppRouter>()
type Project = { id: number; page: number; label: string; at: Date }

describe('option factories', () => {
  it('type useQuery, useSuspenseQuery and useQueries end to end', () => {
    const query = useQuery(mizan.project.queryOptions({ id: 1, page: 1 }))
    expectTypeOf(query.data).toEqualTypeOf<Project | undefined>()
    expectTypeOf(query.error).toEqualTypeOf<MizanClientError | null>()
    const suspense = useSuspenseQuery(mizan.project.queryOptions({ id: 1, page: 1 }))
    expectTypeOf(suspense.data).toEqualTypeOf<Project>()
    const [a, b] = useQueries({ queries: [mizan.project.queryOptions({ id: 1, page: 1 }), mizan.note.queryOptions({ n: 1 })] })
    expectTypeOf(a.data).toEqualTypeOf<Project | undefined>()
    expectTypeOf(b.data).toEqualTypeOf<string | undefined>()
    const selected = useQuery({ ...mizan.project.queryOptions({ id: 1, page: 1 }), select: (p) => p.label.length })
    expectTypeOf(selected.data).toEqualTypeOf<number | undefined>()
  })

  it('type the cache through the data-tagged keys', () => {
    const queryClient = new QueryClient()
    expectTypeOf(queryClient.getQueryData(mizan.project.queryKey({ id: 1, page: 1 }))).toEqualTypeOf<Project | undefined>()
    queryClient.setQueryData(mizan.note.queryKey({ n: 1 }), 'text')
    // @ts-expect-error: a note is a string
    queryClient.setQueryData(mizan.note.queryKey({ n: 1 }), 7)
    void queryClient.prefetchQuery(mizan.project.queryOptions({ id: 1, page: 1 }))
  })

  it('type mutations: variables, data and error', () => {
    const mutation = useMutation(
      mizan.touchOne.mutationOptions({
        onMutate: (variables) => {
          expectTypeOf(variables).toEqualTypeOf<{ id: number; page: number }>()
          return { previous: 1 }
        },
        onError: (error, _variables, onMutateResult) => {
          expectTypeOf(error).toEqualTypeOf<MizanClientError>()
          expectTypeOf(onMutateResult).toEqualTypeOf<{ previous: number } | undefined>()
        },
      }),
    )
    expectTypeOf(mutation.mutate).parameter(0).toEqualTypeOf<{ id: number; page: number }>()
    expectTypeOf(mutation.data).toEqualTypeOf<{ id: number; page: number } | undefined>()
    mizan.touchAll.useMutation().mutate()
  })

  it('offer infinite options only for contexts with a cursor, keeping the cursor out of params', () => {
    const feed = useInfiniteQuery(
      mizan.feed.infiniteQueryOptions({ topic: 'a' }, { initialPageParam: 0, getNextPageParam: (last) => last.next ?? undefined }),
    )
    expectTypeOf(feed.data).toEqualTypeOf<InfiniteData<{ items: string[]; next: number | null }, number> | undefined>()
    expectTypeOf(mizan.project.infiniteQueryOptions).toEqualTypeOf<never>()
  })

  it('refuse wrong calls', () => {
    // @ts-expect-error: page is required
    mizan.project.queryOptions({ id: 1 })
    // @ts-expect-error: id is a number
    mizan.project.queryOptions({ id: '1', page: 1 })
    // @ts-expect-error: contexts have no mutationOptions
    mizan.project.mutationOptions()
    // @ts-expect-error: mutations have no queryOptions
    mizan.touchAll.queryOptions()
    // @ts-expect-error: no such procedure
    mizan.nothing.queryOptions()
    // @ts-expect-error: the feed's params are without the cursor
    mizan.feed.infiniteQueryOptions({ topic: 'a', cursor: 1 }, { initialPageParam: 0, getNextPageParam: () => null })
  })

  it('type named context providers', () => {
    const kit = createNamedProvider(mizan.project)
    expectTypeOf(kit.useData).returns.toEqualTypeOf<Project>()
    void (<kit.Provider params={{ id: 1, page: 1 }} />)
    // @ts-expect-error: params are required
    void (<kit.Provider />)
  })
})

describe('skipToken, key helpers and Mizan\'s mutation options', () => {
  type Feed = { items: string[]; next: number | null }

  it('type skipToken: a disabled query whose data is typed, which the suspense hooks refuse', () => {
    const id = 1 as number | undefined
    const options = mizan.project.queryOptions(id ? { id, page: 1 } : skipToken)
    expectTypeOf(options).toEqualTypeOf<MizanSkippableQueryOptions<Project>>()
    expectTypeOf(useQuery(options).data).toEqualTypeOf<Project | undefined>()
    expectTypeOf(mizan.note.useQuery(id ? { n: id } : skipToken).data).toEqualTypeOf<string | undefined>()
    // Without skipToken, the options stay fit for the suspense hooks.
    expectTypeOf(mizan.project.queryOptions({ id: 1, page: 1 })).toEqualTypeOf<MizanQueryOptions<Project>>()
    // @ts-expect-error: a suspense query cannot be skipped
    useSuspenseQuery(options)
  })

  it('type the key helpers', () => {
    const queryClient = new QueryClient()
    void queryClient.invalidateQueries(mizan.project.queryFilter({ id: 1, page: 1 }))
    void queryClient.cancelQueries(mizan.project.queryFilter(undefined, { exact: true }))
    expectTypeOf(mizan.project.queryFilter().queryKey).toEqualTypeOf<MizanDataKey<Project>>()
    // @ts-expect-error: queryFilter takes the context's params, like queryKey
    mizan.project.queryFilter({ id: 1 })

    const nested = createMizanReact<NestedRouter>()
    void queryClient.invalidateQueries(nested.shop.pathFilter())
    expectTypeOf(nested.shop.admin.pathFilter()).toEqualTypeOf<MizanPathFilter>()
    // @ts-expect-error: pathFilter is for sub-routers; a context has queryFilter
    nested.shop.cart.pathFilter()

    expectTypeOf(queryClient.getQueryData(mizan.feed.infiniteQueryKey({ topic: 'a' }))).toEqualTypeOf<InfiniteData<Feed, number> | undefined>()
    expectTypeOf(mizan.project.infiniteQueryKey).toEqualTypeOf<never>()
    expectTypeOf(mizan.touchOne.mutationKey()).toEqualTypeOf<MizanMutationKey>()
    useIsMutating({ mutationKey: nested.shop.checkout.mutationKey() })
  })

  it('type awaitInvalidation and the request options of a mutation', () => {
    const controller = new AbortController()
    useMutation(mizan.touchOne.mutationOptions({ awaitInvalidation, request: { headers: { 'x-trace': '1' }, signal: controller.signal } }))
    mizan.touchOne.useMutation({
      request: (input) => {
        expectTypeOf(input).toEqualTypeOf<{ id: number; page: number }>()
        return { headers: { 'idempotency-key': String(input.id) } }
      },
    })
    // @ts-expect-error: header values are strings
    mizan.touchOne.mutationOptions({ request: { headers: { 'x-count': 1 } } })
    createMizanReact<AppRouter>({ awaitInvalidation })
    // @ts-expect-error: the waiting is an import (`awaitInvalidation`), not a flag
    createMizanReact<AppRouter>({ awaitInvalidation: true })
  })
})

describe('per-call request options of reads', () => {
  it('take headers, batch and a signal, in queryOptions and useQuery, but not the client-only callback', () => {
    const request = { headers: { 'x-trace': '1' }, batch: false, signal: new AbortController().signal }
    const query = useQuery(mizan.project.queryOptions({ id: 1, page: 1 }, { request, staleTime: 1 }))
    expectTypeOf(query.data).toEqualTypeOf<Project | undefined>()
    mizan.note.useQuery({ n: 1 }, { request: { batch: false } })
    // @ts-expect-error: the parsed params callback is the bridge's own
    mizan.note.queryOptions({ n: 1 }, { request: { onParsedParams: () => {} } })
  })
})
