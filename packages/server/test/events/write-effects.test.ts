import { describe, expect, it } from 'vitest'
import { forUser, memoryCache, memoryEvents } from '../../src/index.ts'
import type { EventBus, ResultCache } from '../../src/index.ts'
import { latch } from '../fixtures/cache-router.ts'
import { waitFor } from '../fixtures/wait-for.ts'
import { createEventsApp } from './events-app.ts'
import { fromWire } from '../fixtures/from-wire.ts'

/** The next frame of a stream, as a client would decode its notice. */
async function nextNotice(iterator: AsyncIterator<string>) {
  const { value } = await iterator.next()
  const data = /\ndata: (.*)\n/.exec(String(value))?.[1]
  if (!data) throw new Error(`Not a notice: ${JSON.stringify(value)}`)
  const notice = JSON.parse(data) as { id: string; invalidate: never }
  return { id: notice.id, directives: fromWire(notice.invalidate) }
}

describe('the effects of a write', () => {
  it('createCaller mutations publish too, each with a fresh id', async () => {
    const { m, router, hub } = createEventsApp()
    const stream = hub.open('alice', undefined)[Symbol.asyncIterator]()
    await stream.next() // connected
    const caller = router.createCaller({ user: 'alice' })
    await caller.editNote({ id: 5, text: 'from SSR' })
    await caller.editNote({ id: 5, text: 'again' })
    const first = await nextNotice(stream)
    const second = await nextNotice(stream)
    expect(first).toMatchObject({ directives: [{ kind: 'exact', context: 'note', params: { id: 5 } }] })
    expect(first.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(second.id).not.toBe(first.id)
    await m.close()
  })

  it('purge, then publish, then answer: the answer waits for both', async () => {
    const order: string[] = []
    const publishing = latch()
    const inner = memoryEvents()
    // A bus that cannot know whether someone listens (no hasSubscribers), as across instances.
    const bus: EventBus = {
      subscribe: inner.subscribe,
      close: inner.close,
      publish: async (text) => {
        order.push('publish')
        await publishing.promise
        await inner.publish(text)
      },
    }
    const store = memoryCache()
    const cache: ResultCache = {
      ...store,
      purge: async (selectors) => {
        order.push('purge')
        await store.purge(selectors)
      },
    }
    const { initMizan } = await import('../../src/index.ts')
    const m = initMizan.context<{ user: string | null }>().create({ cache, events: bus, userKey: (ctx) => ctx.user })
    const board = m.context.scope('public').cache().query(() => 1)
    const touch = m.mutation.run(() => 'done').invalidates([board])
    const caller = m.router({ board, touch }).createCaller({ user: 'alice' })

    const answer = caller.touch().then((result) => {
      order.push('answered')
      return result
    })
    await waitFor(() => order.includes('publish'))
    await new Promise((resolve) => setImmediate(resolve))
    expect(order).toEqual(['purge', 'publish'])
    publishing.release()
    expect(await answer).toEqual({ data: 'done', invalidate: [{ kind: 'whole', context: 'board' }] })
    expect(order).toEqual(['purge', 'publish', 'answered'])
    await m.close()
  })

  it('sends an event too long for the bus as `all`, to everyone', async () => {
    const published: string[] = []
    const inner = memoryEvents()
    const bus: EventBus = { subscribe: inner.subscribe, close: inner.close, publish: (text) => void published.push(text) }
    const { initMizan } = await import('../../src/index.ts')
    const m = initMizan.context<{ user: string | null }>().create({ events: bus, userKey: (ctx) => ctx.user })
    const inbox = m.context.query(() => 0)
    const users = Array.from({ length: 30_000 }, (_, i) => `user-number-${i}`)
    const notifyAll = m.mutation.run(() => {}).invalidates([forUser(users, [inbox])])
    const notifyOne = m.mutation.run(() => {}).invalidates([forUser(users.slice(0, 1), [inbox])])
    const caller = m.router({ inbox, notifyAll, notifyOne }).createCaller({ user: 'admin' })
    await caller.notifyOne()
    await caller.notifyAll()
    expect(published).toHaveLength(2)
    expect(JSON.parse(published[0]!)).toMatchObject({ users: [[['user-number-0'], [{ kind: 'whole', context: 'inbox' }]]] })
    expect(JSON.parse(published[1]!)).toEqual({ v: 2, id: expect.any(String), every: [{ kind: 'all' }] })
  })

  it('makes no event while nobody can hear it (one process, no stream open)', async () => {
    const bus = memoryEvents()
    const published: string[] = []
    const publish = bus.publish.bind(bus)
    bus.publish = (text) => {
      published.push(text)
      return publish(text)
    }
    const { m, router, hub } = createEventsApp({ bus })
    const caller = router.createCaller({ user: 'alice' })
    await caller.editNote({ id: 5, text: 'nobody listens' })
    expect(published).toEqual([])
    const stream = hub.open('bob', undefined)[Symbol.asyncIterator]()
    await stream.next() // connected
    await caller.editNote({ id: 5, text: 'bob listens' })
    expect(published).toHaveLength(1)
    await m.close()
  })
})
