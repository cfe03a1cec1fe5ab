import { describe, expect, it } from 'vitest'
import { memoryEvents } from '../../src/index.ts'
import type { EventBus, EventBusListener } from '../../src/index.ts'
import { waitFor } from '../fixtures/wait-for.ts'
import { closePerTest, createEventsApp, write } from './events-app.ts'

const open = closePerTest()

/** A memory bus whose subscribers a test can reach, to play a bus's own events. */
function observedBus() {
  const inner = memoryEvents()
  const listeners: EventBusListener[] = []
  const bus: EventBus = {
    publish: (text) => inner.publish(text),
    subscribe: (listener) => {
      listeners.push(listener)
      return inner.subscribe(listener)
    },
    close: () => inner.close(),
  }
  return { bus, listeners }
}

async function setup(bus: EventBus) {
  const errors: unknown[] = []
  const app = createEventsApp({ bus, eventStream: { onError: (error) => errors.push(error) } })
  open.own(() => app.m.close())
  const served = await open.serve(app.router)
  return { ...app, ...served, busErrors: errors, events: `${served.base}/mizan/events` }
}

describe('events from the bus', () => {
  it('after a gap in the bus, tell every stream to invalidate everything', async () => {
    const { bus, listeners } = observedBus()
    const { events } = await setup(bus)
    const streams = [open.listen(events, 'alice'), open.listen(events, 'bob'), open.listen(events)]
    await Promise.all(streams.map((s) => s.opened))
    expect(listeners).toHaveLength(1)
    listeners[0]!.gap()
    await waitFor(() => streams.every((s) => s.notices.length === 1))
    for (const s of streams) expect(s.notices[0]!.directives).toEqual([{ kind: 'all' }])
    expect(streams[0]!.notices[0]!.id).toMatch(/^[0-9a-f-]{36}$/)
  })

  it.each([
    ['not JSON', 'not json'],
    ['not an object', '[1,2]'],
    ['of another version', JSON.stringify({ v: 1, id: 'a'.repeat(20), every: [] })],
    ['with an id that is no mutation id', JSON.stringify({ v: 2, id: 'x\ndata: injected', every: [] })],
    ['with users that are not lists of keys', JSON.stringify({ v: 2, id: 'a'.repeat(20), users: [['alice', []]] })],
    ['addressed to nobody', JSON.stringify({ v: 2, id: 'a'.repeat(20) })],
    ['with a prototype key', `{"v":2,"id":"${'a'.repeat(20)}","every":{"__proto__":{"polluted":true}}}`],
    ['too long', JSON.stringify({ v: 2, id: 'a'.repeat(20), every: ['x'.repeat(300 * 1024)] })],
  ])('drops an event that is %s, reports it, and keeps the streams going', async (_, text) => {
    const { bus } = observedBus()
    const { base, events, busErrors } = await setup(bus)
    const bob = open.listen(events, 'bob')
    await bob.opened
    await bus.publish(text)
    expect(busErrors).toHaveLength(1)
    expect(String(busErrors[0])).toMatch(/Dropped an event from the bus/)
    const board = await write(base, 'renameBoard', { id: 1, title: 'after' }, 'alice')
    await waitFor(() => bob.notices.length > 0)
    expect(bob.notices.map((n) => n.id)).toEqual([board.id])
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })

  it('routes a well-formed event from another instance', async () => {
    const { bus } = observedBus()
    const { events } = await setup(bus)
    const alice = open.listen(events, 'alice')
    const bob = open.listen(events, 'bob')
    await Promise.all([alice.opened, bob.opened])
    const id = 'other-instance-0001'
    await bus.publish(JSON.stringify({ v: 2, id, users: [[['alice'], [{ kind: 'whole', context: 'note' }]]] }))
    await waitFor(() => alice.notices.length === 1)
    expect(alice.notices[0]).toMatchObject({ id, directives: [{ kind: 'whole', context: 'note' }] })
    expect(bob.notices).toEqual([])
  })

  it('answers a committed write as committed when publishing fails, and reports the failure', async () => {
    const failure = new Error('bus down')
    const bus: EventBus = { publish: () => Promise.reject(failure), subscribe: () => () => {}, close: () => {} }
    const { base, errors, db } = await setup(bus)
    const answer = await write(base, 'renameBoard', { id: 1, title: 'kept' }, 'alice')
    expect(answer.status).toBe(200)
    expect(answer.directives).toEqual([{ kind: 'exact', context: 'board', params: { id: 1 } }])
    expect(db.boards.get(1)).toBe('kept')
    expect(errors.map((info) => info.error)).toContain(failure)
  })
})

describe('memoryEvents', () => {
  it('delivers to every subscriber, in order, until unsubscribed or closed', async () => {
    const bus = memoryEvents()
    const seen: string[] = []
    const stop = bus.subscribe({ event: (text) => seen.push(`a:${text}`), gap: () => {} })
    bus.subscribe({
      event: (text) => {
        seen.push(`b:${text}`)
        throw new Error('a failing subscriber reaches neither the others nor the publisher')
      },
      gap: () => {},
    })
    await bus.publish('1')
    stop()
    await bus.publish('2')
    await bus.close()
    await bus.publish('3')
    expect(seen).toEqual(['a:1', 'b:1', 'b:2'])
  })
})
