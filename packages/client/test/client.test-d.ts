// Type tests: checked by `tsc -b` inside `npm test`.
import { describe, expectTypeOf, it } from 'vitest'
import { EventSource as NodeEventSource } from 'eventsource'
import { createClient, fetchWithInvalidation, liveEvents } from '../src/index.ts'
import type { DirectiveSource, FlushedDirective, InvalidationScheduler, LiveEvents, LiveEventsState, MizanClient } from '../src/index.ts'
import type { AppRouter } from './fixtures/app-router.ts'

const client = createClient<AppRouter>({ url: '/mizan' })

describe('the typed client', () => {
  it('infers outputs from the router type', () => {
    expectTypeOf(client.projects.query()).resolves.toEqualTypeOf<{ id: number; name: string }[]>()
    expectTypeOf(client.project.query({ id: 1 })).resolves.toEqualTypeOf<{ id: number; name: string; createdAt: Date }>()
    expectTypeOf(client.renameProject.mutate({ id: 1, name: 'x' })).resolves.toEqualTypeOf<{ id: number; name: string }>()
  })

  it('infers inputs, optional fields included', () => {
    expectTypeOf(client.project.query).parameter(0).toEqualTypeOf<{ id: number }>()
    expectTypeOf(client.search.query).parameter(0).toEqualTypeOf<{ text: string; limit?: number | undefined }>()
    expectTypeOf(client.projects.query).parameter(0).toEqualTypeOf<undefined>()
  })

  it('reaches nested routers by their path', () => {
    expectTypeOf(client.shop.cart.query()).resolves.toEqualTypeOf<{ owner: string | null; items: string[] }>()
    expectTypeOf(client.shop.addItem.mutate).parameter(0).toEqualTypeOf<{ sku: string }>()
  })

  it('exposes the runtime under $ names', () => {
    expectTypeOf(client.$scheduler).toEqualTypeOf<InvalidationScheduler>()
    expectTypeOf(fetchWithInvalidation(client)).toEqualTypeOf<typeof fetch>()
    expectTypeOf<MizanClient<AppRouter>['$query']>().returns.toEqualTypeOf<Promise<unknown>>()
  })

  it('refuses wrong calls', () => {
    // @ts-expect-error: id must be a number
    void client.project.query({ id: '1' })
    // @ts-expect-error: input is required
    void client.project.query()
    // @ts-expect-error: projects takes no input
    void client.projects.query({ id: 1 })
    // @ts-expect-error: a context is read, not mutated
    void client.project.mutate({ id: 1 })
    // @ts-expect-error: a mutation is mutated, not read
    void client.renameProject.query({ id: 1, name: 'x' })
    // @ts-expect-error: no such procedure
    void client.shop.checkout.mutate()
    // @ts-expect-error: batch is an option of reads only
    void client.renameProject.mutate({ id: 1, name: 'x' }, { batch: false })
    // @ts-expect-error: a router is not callable
    void client.shop()
  })

  it('take per-call read options: headers, batch, signal and the parsed params callback', () => {
    void client.project.query({ id: 1 }, { headers: { 'x-trace': '1' }, batch: false, signal: new AbortController().signal })
    void client.project.query({ id: 1 }, { onParsedParams: (params) => expectTypeOf(params).toEqualTypeOf<unknown>() })
    // @ts-expect-error: header values are strings
    void client.project.query({ id: 1 }, { headers: { 'x-retry': 1 } })
  })

  it('is never a thenable', () => {
    expectTypeOf<MizanClient<AppRouter>>().not.toHaveProperty('then')
  })

  it('has live events as an opt-in factory, and their state under $events', () => {
    const live = createClient<AppRouter>({ url: '/mizan', events: liveEvents() })
    expectTypeOf(liveEvents()).toEqualTypeOf<LiveEvents>()
    expectTypeOf(live.$events).toEqualTypeOf<LiveEventsState | undefined>()
    expectTypeOf<LiveEventsState['status']>().toEqualTypeOf<'connecting' | 'open' | 'following' | 'stopped' | 'closed'>()
    expectTypeOf(live.$close).toEqualTypeOf<() => void>()
    // The browser's EventSource and the `eventsource` package's both fit.
    void liveEvents({ transport: 'eventsource', EventSource: globalThis.EventSource, backoff: { initialMs: 250, maxMs: 10_000 } })
    void liveEvents({ transport: 'fetch', EventSource: NodeEventSource })
    // @ts-expect-error: the transports are 'auto', 'eventsource' and 'fetch'
    void liveEvents({ transport: 'websocket' })
    // @ts-expect-error: a factory, not a flag, so apps without events do not ship their code
    void createClient<AppRouter>({ url: '/mizan', events: true })
  })

  it('tags each flushed directive with its source', () => {
    expectTypeOf<FlushedDirective['source']>().toEqualTypeOf<DirectiveSource | undefined>()
    expectTypeOf<DirectiveSource>().toEqualTypeOf<'response' | 'stream' | 'tab' | 'header'>()
    client.$scheduler.enqueue([{ kind: 'all' }], undefined, 'stream')
    // @ts-expect-error: no such source
    client.$scheduler.enqueue([{ kind: 'all' }], undefined, 'socket')
  })
})
