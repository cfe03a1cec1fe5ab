import { describe, expect, it } from 'vitest'
import type { FlushedDirective, InspectEvent, InspectedHit } from '@mizan/client'
import { createDevtoolsLog } from '../src/devtools/devtools-log.ts'

const directive: FlushedDirective = { kind: 'whole', context: 'project', mutationId: 'w1', source: 'response' }
const hit = (queryKey: readonly unknown[], refetched = true): InspectedHit => ({ queryHash: JSON.stringify(queryKey), queryKey, refetched })
const flush = (hits: InspectedHit[]): InspectEvent => ({ type: 'flush', at: 0, report: { directives: [{ directive, hits }] } })
const request = (id: number, items: Array<{ path: string; input: unknown }>): InspectEvent => ({ type: 'request', id, at: 0, method: 'GET', items })

describe('the devtools log', () => {
  it('links a refetch to the first request after its flush carrying its path and input, in any key order', () => {
    const log = createDevtoolsLog()
    log.handle(request(1, [{ path: 'project', input: { id: 1 } }]))
    log.handle({ type: 'mutation', path: 'renameProject', mutationId: 'w1', directives: [directive] })
    log.handle(flush([hit(['mizan', 'project', { id: 1, page: 2 }]), hit(['mizan', 'project', { id: 9 }], false), hit(['mizan', 'projects'])]))
    log.handle(request(2, [{ path: 'project', input: { id: 1 } }]))
    log.handle(request(3, [{ path: 'projects', input: undefined }, { path: 'project', input: { page: 2, id: 1 } }]))
    log.handle({ type: 'response', id: 3, status: 200, durationMs: 4 })
    const { flushes, requests } = log.snapshot()
    expect(flushes[0]!.directives[0]!.mutationPath).toBe('renameProject')
    expect(flushes[0]!.directives[0]!.hits.map((logged) => logged.requestId)).toEqual([3, undefined, 3])
    expect(requests.get(3)).toMatchObject({ status: 200, durationMs: 4, settled: true })
    expect(requests.get(2)).toMatchObject({ status: undefined, settled: false })
  })

  it('links an infinite query by its path (the page cursor is in the read, not the key)', () => {
    const log = createDevtoolsLog()
    log.handle(flush([hit(['mizan', 'feed', { topic: 'a' }, { infinite: true }])]))
    log.handle(request(1, [{ path: 'feed', input: { topic: 'a', cursor: 2 } }]))
    expect(log.snapshot().flushes[0]!.directives[0]!.hits[0]!.requestId).toBe(1)
  })

  it('gives up on a refetch no request carried, and keeps the newest flushes only', () => {
    const log = createDevtoolsLog(3)
    log.handle(flush([hit(['mizan', 'project', { id: 1 }])]))
    for (let id = 1; id <= 20; id++) log.handle(request(id, [{ path: 'other', input: undefined }]))
    log.handle(request(21, [{ path: 'project', input: { id: 1 } }]))
    expect(log.snapshot().flushes[0]!.directives[0]!.hits[0]!.requestId).toBeUndefined()
    for (let i = 0; i < 5; i++) log.handle(flush([]))
    expect(log.snapshot().flushes.map((entry) => entry.id)).toEqual([6, 5, 4])
  })

  it('records the contexts each mutation was seen to invalidate, and a new snapshot only on change', () => {
    const log = createDevtoolsLog()
    const seen = (contexts: string[]): InspectEvent => ({
      type: 'mutation',
      path: 'touch',
      mutationId: String(Math.random()),
      directives: contexts.map((context) => ({ kind: 'whole', context })),
    })
    log.handle(seen(['a']))
    const first = log.snapshot()
    log.handle(seen(['a']))
    expect(log.snapshot()).toBe(first)
    log.handle(seen(['b']))
    expect([...log.snapshot().observed.get('touch')!]).toEqual(['a', 'b'])
    expect([...first.observed.get('touch')!]).toEqual(['a'])
  })
})
