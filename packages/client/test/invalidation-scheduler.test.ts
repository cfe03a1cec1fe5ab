import { describe, expect, it } from 'vitest'
import { createInvalidationScheduler } from '../src/index.ts'
import type { FlushedDirective } from '../src/index.ts'

function setup() {
  const scheduler = createInvalidationScheduler()
  const flushes: FlushedDirective[][] = []
  scheduler.subscribe((directives) => flushes.push([...directives]))
  return { scheduler, flushes }
}

const tick = () => new Promise<void>((resolve) => queueMicrotask(resolve))

describe('the invalidation scheduler', () => {
  it('keeps every scoped invalidation of one context issued in one tick', async () => {
    const { scheduler, flushes } = setup()
    scheduler.enqueue([{ kind: 'exact', context: 'project', params: { id: 1 } }], 'm1')
    scheduler.enqueue([{ kind: 'exact', context: 'project', params: { id: 2 } }], 'm2')
    scheduler.enqueue([{ kind: 'partial', context: 'project', params: { ownerId: 3 } }], 'm3')
    await tick()
    expect(flushes).toEqual([
      [
        { kind: 'exact', context: 'project', params: { id: 1 }, mutationId: 'm1' },
        { kind: 'exact', context: 'project', params: { id: 2 }, mutationId: 'm2' },
        { kind: 'partial', context: 'project', params: { ownerId: 3 }, mutationId: 'm3' },
      ],
    ])
  })

  it('flushes exactly once per tick, however many writes answered in it', async () => {
    const { scheduler, flushes } = setup()
    for (let i = 0; i < 10; i++) scheduler.enqueue([{ kind: 'exact', context: 'project', params: { id: i } }], `m${i}`)
    expect(flushes).toEqual([])
    await tick()
    expect(flushes).toHaveLength(1)
    expect(flushes[0]).toHaveLength(10)
    scheduler.enqueue([{ kind: 'whole', context: 'cart' }])
    await tick()
    expect(flushes).toHaveLength(2)
    await tick()
    expect(flushes).toHaveLength(2)
  })

  it('treats params with another key order as the same directive', async () => {
    const { scheduler, flushes } = setup()
    scheduler.enqueue([{ kind: 'exact', context: 'tasks', params: { projectId: 1, status: 'open' } }], 'a')
    scheduler.enqueue([{ kind: 'exact', context: 'tasks', params: { status: 'open', projectId: 1 } }], 'b')
    await tick()
    expect(flushes).toEqual([[{ kind: 'exact', context: 'tasks', params: { projectId: 1, status: 'open' }, mutationId: 'a' }]])
  })

  it('lets a whole-context invalidation subsume scoped ones of that context, in either order', async () => {
    const { scheduler, flushes } = setup()
    scheduler.enqueue([{ kind: 'exact', context: 'project', params: { id: 1 } }, { kind: 'exact', context: 'shop.cart', params: { id: 1 } }], 'a')
    scheduler.enqueue([{ kind: 'whole', context: 'project' }], 'b')
    scheduler.enqueue([{ kind: 'partial', context: 'project', params: { id: 2 } }], 'c')
    await tick()
    expect(flushes).toEqual([
      [
        { kind: 'whole', context: 'project', mutationId: 'b' },
        { kind: 'exact', context: 'shop.cart', params: { id: 1 }, mutationId: 'a' },
      ],
    ])
  })

  it('does not flush for nothing, and stops calling an unsubscribed listener', async () => {
    const { scheduler, flushes } = setup()
    scheduler.enqueue([])
    await tick()
    expect(flushes).toEqual([])
    const late: unknown[] = []
    const unsubscribe = scheduler.subscribe((d) => late.push(d))
    unsubscribe()
    scheduler.enqueue([{ kind: 'whole', context: 'cart' }])
    await tick()
    expect(late).toEqual([])
    expect(flushes).toHaveLength(1)
  })
})
