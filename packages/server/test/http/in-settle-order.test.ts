import { describe, expect, it } from 'vitest'
import { inSettleOrder } from '../../src/http/in-settle-order.ts'

function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)))
  return { promise, resolve, reject }
}

describe('inSettleOrder', () => {
  it('yields values as they settle, with their positions, those settled together in one batch', async () => {
    const [a, b, c] = [deferred<string>(), deferred<string>(), deferred<string>()]
    const batches = inSettleOrder([a.promise, b.promise, c.promise], () => 'failed')
    c.resolve('c')
    expect((await batches.next()).value).toEqual([[2, 'c']])
    a.resolve('a')
    b.reject(new Error('b'))
    expect((await batches.next()).value).toEqual([
      [0, 'a'],
      [1, 'failed'],
    ])
    expect((await batches.next()).done).toBe(true)
  })

  it('handles a rejection even when nobody reads (the client went away first)', async () => {
    const failing = deferred<string>()
    const seen: unknown[] = []
    inSettleOrder([failing.promise], (error) => (seen.push(error), 'failed'))
    failing.reject(new Error('late'))
    await new Promise((resolve) => setImmediate(resolve))
    // No unhandled rejection: vitest would fail the run on one.
    expect(seen).toHaveLength(1)
  })
})
