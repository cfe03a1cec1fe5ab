import superjson from 'superjson'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createInvalidationScheduler } from '../src/index.ts'
import type { FlushedDirective, InvalidationDirective, Transformer } from '../src/index.ts'

function setup(transformer?: Transformer) {
  const scheduler = createInvalidationScheduler(transformer ? { transformer } : {})
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

  it('dedupes by the canonical key: undefined fields, key order and shared references do not count', async () => {
    const { scheduler, flushes } = setup(superjson)
    const day = new Date(Date.UTC(2026, 0, 1))
    scheduler.enqueue([{ kind: 'exact', context: 'tasks', params: { projectId: 4, done: undefined } }], 'a')
    scheduler.enqueue([{ kind: 'exact', context: 'tasks', params: { projectId: 4 } }], 'b')
    scheduler.enqueue([{ kind: 'partial', context: 'range', params: { from: day, to: day } }], 'c')
    scheduler.enqueue([{ kind: 'partial', context: 'range', params: { to: new Date(day), from: new Date(day) } }], 'd')
    await tick()
    expect(flushes.map((flush) => flush.map((directive) => directive.mutationId))).toEqual([['a', 'c']])
  })

  it('keeps directives whose params differ only in a BigInt, a Set or a Map (with superjson)', async () => {
    const { scheduler, flushes } = setup(superjson)
    const variants: InvalidationDirective[] = [
      { kind: 'exact', context: 'x', params: { n: 1n } },
      { kind: 'exact', context: 'x', params: { n: 2n } },
      { kind: 'exact', context: 'x', params: { n: 1 } },
      { kind: 'exact', context: 'x', params: { tags: new Set(['a']) } },
      { kind: 'exact', context: 'x', params: { tags: new Set(['b']) } },
      { kind: 'exact', context: 'x', params: { byId: new Map([[1, 'a']]) } },
      { kind: 'exact', context: 'x', params: { byId: new Map([[1, 'b']]) } },
    ]
    scheduler.enqueue(variants, 'm')
    scheduler.enqueue([{ kind: 'exact', context: 'x', params: { n: 1n } }, { kind: 'exact', context: 'x', params: { tags: new Set(['a']) } }], 'again')
    await tick()
    expect(flushes).toEqual([variants.map((directive) => ({ ...directive, mutationId: 'm' }))])
  })

  it('flushes a lone `all` for everything collected with it, in either order, then starts afresh', async () => {
    const { scheduler, flushes } = setup()
    scheduler.enqueue([{ kind: 'exact', context: 'project', params: { id: 1 } }, { kind: 'whole', context: 'cart' }], 'a')
    scheduler.enqueue([{ kind: 'all' }], 'b')
    scheduler.enqueue([{ kind: 'partial', context: 'tasks', params: { projectId: 1 } }, { kind: 'all' }], 'c')
    await tick()
    expect(flushes).toEqual([[{ kind: 'all', mutationId: 'b' }]])
    scheduler.enqueue([{ kind: 'whole', context: 'cart' }], 'd')
    await tick()
    expect(flushes[1]).toEqual([{ kind: 'whole', context: 'cart', mutationId: 'd' }])
  })

  // `where({ projectId: 4, done: undefined })` matches the lists lacking `done` only, so it must not
  // stand in for `where({ projectId: 4 })`, though their params have one canonical key.
  it('keeps a partial directive with an undefined field beside the broader one without it', async () => {
    const { scheduler, flushes } = setup(superjson)
    scheduler.enqueue([{ kind: 'partial', context: 'tasks', params: { projectId: 4, done: undefined } }], 'a')
    scheduler.enqueue([{ kind: 'partial', context: 'tasks', params: { projectId: 4 } }], 'b')
    scheduler.enqueue([{ kind: 'partial', context: 'tasks', params: { done: undefined, projectId: 4 } }], 'c')
    await tick()
    expect(flushes.map((flush) => flush.map((directive) => directive.mutationId))).toEqual([['a', 'b']])
  })

  // A scoped directive whose params have no canonical key (a cycle, nesting past the limit) used
  // to throw inside the flush's microtask: an uncaught error, and every directive of the tick lost.
  it('widens a directive whose params have no canonical key to its whole context, and loses no other', async () => {
    const { scheduler, flushes } = setup(superjson)
    const cycle: Record<string, unknown> = { id: 1 }
    cycle['self'] = cycle
    let deep: unknown = 0
    for (let i = 0; i < 200; i++) deep = { deep }
    scheduler.enqueue([{ kind: 'exact', context: 'project', params: cycle }, { kind: 'exact', context: 'note', params: { n: 1 } }], 'a')
    scheduler.enqueue([{ kind: 'partial', context: 'tasks', params: { filter: deep } }, { kind: 'exact', context: 'project', params: { id: 2 } }], 'b')
    await tick()
    expect(flushes).toEqual([
      [
        { kind: 'whole', context: 'project', mutationId: 'a' },
        { kind: 'whole', context: 'tasks', mutationId: 'b' },
        { kind: 'exact', context: 'note', params: { n: 1 }, mutationId: 'a' },
      ],
    ])
  })
})

// Issue 11, item 3: two writes fired together answer in different ticks, so by default their
// directives flush separately and a context both invalidate is read twice. A window merges them.
describe('the invalidation scheduler with a coalescing window', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  const project7: InvalidationDirective = { kind: 'exact', context: 'project', params: { id: 7 } }
  const projects: InvalidationDirective = { kind: 'whole', context: 'projects' }

  it('by default flushes answers that arrive a few ms apart separately', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const { scheduler, flushes } = setup()
    scheduler.enqueue([project7, projects], 'a')
    await tick()
    vi.advanceTimersByTime(3)
    scheduler.enqueue([project7], 'b')
    await tick()
    expect(flushes).toEqual([
      [
        { ...projects, mutationId: 'a' },
        { ...project7, mutationId: 'a' },
      ],
      [{ ...project7, mutationId: 'b' }],
    ])
  })

  it('merges what arrives within `windowMs` of the first answer into one flush, then starts afresh', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const scheduler = createInvalidationScheduler({ windowMs: 10 })
    const flushes: FlushedDirective[][] = []
    scheduler.subscribe((directives) => flushes.push([...directives]))
    scheduler.enqueue([project7, projects], 'a')
    await tick()
    vi.advanceTimersByTime(3)
    scheduler.enqueue([project7], 'b')
    await tick()
    vi.advanceTimersByTime(6)
    expect(flushes).toEqual([])
    // The window runs from the first answer: a later one does not push the flush back.
    vi.advanceTimersByTime(1)
    expect(flushes).toEqual([
      [
        { ...projects, mutationId: 'a' },
        { ...project7, mutationId: 'a' },
      ],
    ])
    scheduler.enqueue([project7], 'c')
    vi.advanceTimersByTime(10)
    expect(flushes).toHaveLength(2)
    expect(flushes[1]).toEqual([{ ...project7, mutationId: 'c' }])
  })

  it('flushes each directive with its source, the first source of a duplicate winning', async () => {
    const { scheduler, flushes } = setup()
    scheduler.enqueue([{ kind: 'whole', context: 'projects' }], 'm1', 'stream')
    scheduler.enqueue([{ kind: 'whole', context: 'projects' }, { kind: 'exact', context: 'project', params: { id: 1 } }], 'm2', 'response')
    scheduler.enqueue([{ kind: 'exact', context: 'cart', params: { id: 1 } }], 'm3', 'tab')
    scheduler.enqueue([{ kind: 'whole', context: 'shop.cart' }], 'v1', 'header')
    scheduler.enqueue([{ kind: 'whole', context: 'search' }])
    await tick()
    expect(flushes).toEqual([
      [
        { kind: 'whole', context: 'projects', mutationId: 'm1', source: 'stream' },
        { kind: 'whole', context: 'shop.cart', mutationId: 'v1', source: 'header' },
        { kind: 'whole', context: 'search', mutationId: undefined, source: undefined },
        { kind: 'exact', context: 'project', params: { id: 1 }, mutationId: 'm2', source: 'response' },
        { kind: 'exact', context: 'cart', params: { id: 1 }, mutationId: 'm3', source: 'tab' },
      ],
    ])
    expect(flushes[0]!.map((directive) => directive.source)).toEqual(['stream', 'header', undefined, 'response', 'tab'])
  })
})
