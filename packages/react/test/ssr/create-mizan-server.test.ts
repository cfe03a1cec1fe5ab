// @vitest-environment node
import { QueryClient, skipToken } from '@tanstack/react-query'
import type { InfiniteData } from '@tanstack/react-query'
import superjson from 'superjson'
import * as z from 'zod'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { initMizan } from '@mizan/server'
import { createMizanReact } from '../../src/index.ts'
import type { MizanDataKey, MizanQueryOptions } from '../../src/index.ts'
import { createMizanServer, dehydratePage } from '../../src/server/index.ts'
import { createApp, createServerLog } from '../fixtures/app-router.ts'
import type { AppRouter } from '../fixtures/app-router.ts'
import { createParsedParamsApp } from '../fixtures/parsed-params-app.ts'
import type { ParsedParamsRouter } from '../fixtures/parsed-params-app.ts'
import { createSsrRouter } from './fixture/ssr-router.ts'

// The server's options must be the browser's, key for key: hydration finds queries by them,
// and so do later invalidations.
const browser = createMizanReact<AppRouter>({ transformer: superjson })
type Project = { id: number; page: number; label: string; at: Date }

function serverFor() {
  const log = createServerLog()
  return { mizan: createMizanServer({ router: createApp(log).router, ctx: {} }), log }
}

describe('createMizanServer', () => {
  it("makes exactly the browser's keys: plain, without input, infinite, skipToken, filters", () => {
    const { mizan } = serverFor()
    const params = { page: 2, id: 7 }
    expect(mizan.project.queryKey(params)).toEqual(browser.project.queryKey({ id: 7, page: 2 }))
    expect(mizan.project.queryOptions(params).queryKey).toEqual(browser.project.queryOptions(params).queryKey)
    expect(mizan.project.queryKey()).toEqual(browser.project.queryKey())
    expect(mizan.feed.infiniteQueryKey({ topic: 'a' })).toEqual(browser.feed.infiniteQueryKey({ topic: 'a' }))
    const infinite = { initialPageParam: 0, getNextPageParam: () => null }
    expect(mizan.feed.infiniteQueryOptions({ topic: 'a' }, infinite).queryKey).toEqual(browser.feed.infiniteQueryOptions({ topic: 'a' }, infinite).queryKey)
    expect(mizan.project.queryOptions(skipToken).queryKey).toEqual(browser.project.queryOptions(skipToken).queryKey)
    expect(mizan.project.queryFilter(params)).toEqual(browser.project.queryFilter(params))
  })

  it('keys params by their canonical form, Dates and Maps included, as the browser does', () => {
    const m = initMizan.create({ transformer: superjson })
    const router = m.router({
      range: m.context.input(z.object({ from: z.date(), tags: z.map(z.string(), z.number()), note: z.string().optional() })).query(() => 1),
    })
    const params = { note: undefined, tags: new Map([['a', 1]]), from: new Date(0) }
    const server = createMizanServer({ router, ctx: {} })
    expect(server.range.queryKey(params)).toEqual(createMizanReact<typeof router>({ transformer: superjson }).range.queryKey(params))
    expect(server.range.queryKey(params)).toEqual(server.range.queryKey({ from: new Date(0), tags: new Map([['a', 1]]) }))
  })

  it('prefetches by calling the router in process, with validation and the data as the browser gets it', async () => {
    const { mizan, log } = serverFor()
    const queryClient = new QueryClient()
    await queryClient.prefetchQuery(mizan.project.queryOptions({ id: 7, page: 1 }))
    expect(log.reads).toEqual(['project 7/1'])
    const data = queryClient.getQueryData(browser.project.queryKey({ id: 7, page: 1 }))
    expect(data).toEqual({ id: 7, page: 1, label: 'project 7 page 1', at: new Date(0) })
    expect(data?.at).toBeInstanceOf(Date)

    // A second prefetch in the same request reuses the answer.
    await queryClient.prefetchQuery(mizan.project.queryOptions({ id: 7, page: 1 }))
    expect(log.reads).toEqual(['project 7/1'])

    // Validation runs: the failure is the router's own, with no retry, and stays out of the page.
    const bad = { id: 'x', page: 1 } as unknown as { id: number; page: number }
    await expect(queryClient.fetchQuery(mizan.project.queryOptions(bad))).rejects.toMatchObject({ code: 'BAD_REQUEST' })
    expect(log.reads).toEqual(['project 7/1'])
    expect(dehydratePage(queryClient).state.queries.map((query) => query.queryKey)).toEqual([browser.project.queryKey({ id: 7, page: 1 })])
  })

  it('runs middleware with the request context given, and a user-scoped context answers for that user', async () => {
    const router = createSsrRouter()
    const one = new QueryClient()
    const two = new QueryClient()
    await one.prefetchQuery(createMizanServer({ router, ctx: { user: 'ada', via: 'render' } }).me.queryOptions())
    await two.prefetchQuery(createMizanServer({ router, ctx: { user: 'bob', via: 'render' } }).me.queryOptions())
    expect(one.getQueryData(['mizan', 'me'])).toMatchObject({ user: 'ada' })
    expect(two.getQueryData(['mizan', 'me'])).toMatchObject({ user: 'bob' })
  })

  it('renders what crossed the wire: under plain JSON a Date is the string the browser would get', async () => {
    const m = initMizan.create()
    const router = m.router({ stamp: m.context.query(() => ({ at: new Date(0), gone: undefined })) })
    const queryClient = new QueryClient()
    await queryClient.prefetchQuery(createMizanServer({ router, ctx: {} }).stamp.queryOptions())
    expect(queryClient.getQueryData(['mizan', 'stamp'])).toStrictEqual({ at: '1970-01-01T00:00:00.000Z' })
  })

  it('prefetches infinite queries page by page, the cursor out of the key', async () => {
    const { mizan, log } = serverFor()
    const queryClient = new QueryClient()
    await queryClient.prefetchInfiniteQuery({
      ...mizan.feed.infiniteQueryOptions({ topic: 'a' }, { initialPageParam: 0, getNextPageParam: (last) => last.next }),
      pages: 2,
    })
    expect(log.reads).toEqual(['feed a@0', 'feed a@2'])
    expect(queryClient.getQueryData(browser.feed.infiniteQueryKey({ topic: 'a' }))?.pages.map((page) => page.items)).toEqual([
      ['a 0', 'a 1'],
      ['a 2', 'a 3'],
    ])
  })

  it('aborts the call with the signal of the read', async () => {
    const m = initMizan.create()
    let seen: AbortSignal | undefined
    const router = m.router({ slow: m.context.query(({ signal }) => ((seen = signal), 1)) })
    const controller = new AbortController()
    await new QueryClient().fetchQuery(createMizanServer({ router, ctx: {} }).slow.queryOptions(undefined, { request: { signal: controller.signal } }))
    controller.abort()
    expect(seen?.aborted).toBe(true)
  })

  it('puts the parsed params of queries their schema changed into the page, and only those', async () => {
    const { router } = createParsedParamsApp(superjson)
    const mizan = createMizanServer({ router, ctx: {} })
    const queryClient = new QueryClient()
    await Promise.all([
      queryClient.prefetchQuery(mizan.search.queryOptions({ q: ' apollo ' })),
      queryClient.prefetchQuery(mizan.search.queryOptions({ q: 'gemini' })),
      queryClient.prefetchQuery(mizan.list.queryOptions({ projectId: 4 })),
    ])
    const { state, transformer } = dehydratePage(queryClient)
    expect(transformer).toBe(superjson)
    const hashOf = (key: readonly unknown[]) => JSON.stringify(key)
    const browserKeys = createMizanReact<ParsedParamsRouter>({ transformer: superjson })
    expect(state.parsedParams).toEqual({
      [hashOf(browserKeys.search.queryKey({ q: ' apollo ' }))]: { json: { q: 'apollo' } },
      [hashOf(browserKeys.list.queryKey({ projectId: 4 }))]: { json: { done: false, projectId: 4 } },
    })
  })

  it("refuses to write a page with another transformer than its router's", async () => {
    const { mizan } = serverFor()
    const queryClient = new QueryClient()
    await queryClient.prefetchQuery(mizan.note.queryOptions({ n: 1 }))
    expect(() => dehydratePage(queryClient, { transformer: { serialize: (v) => v, deserialize: (v) => v } })).toThrow(/transformer/)
  })

  it('is typed like the browser factories, from the router type alone', () => {
    const { mizan } = serverFor()
    expectTypeOf(mizan.project.queryOptions({ id: 1, page: 1 })).toEqualTypeOf<MizanQueryOptions<Project>>()
    expectTypeOf(mizan.project.queryKey).toEqualTypeOf(browser.project.queryKey)
    expectTypeOf(mizan.project.queryKey({ id: 1, page: 1 })).toEqualTypeOf<MizanDataKey<Project>>()
    expectTypeOf(mizan.feed.infiniteQueryKey({ topic: 'a' })).toEqualTypeOf(browser.feed.infiniteQueryKey({ topic: 'a' }))
    const queryClient = new QueryClient()
    expectTypeOf(queryClient.getQueryData(mizan.feed.infiniteQueryKey({ topic: 'a' }))).toEqualTypeOf<
      InfiniteData<{ items: string[]; next: number | null }, number> | undefined
    >()
    // The habit of tRPC users, the router type given explicitly, works the same.
    expectTypeOf(createMizanServer<AppRouter>({ router: createApp().router, ctx: {} }).note.queryKey).toEqualTypeOf(browser.note.queryKey)
    // Mutations have nothing to prefetch.
    expectTypeOf(mizan.touchOne).toEqualTypeOf<never>()
    // @ts-expect-error: project params need a page
    mizan.project.queryOptions({ id: 1 })
    const router = createSsrRouter()
    // @ts-expect-error: the context must be the router's
    createMizanServer({ router, ctx: {} })
  })
})
