import { afterEach, describe, expect, it, vi } from 'vitest'
import { createEventHub } from '../../src/events/event-hub.ts'
import { resolveEventStreamOptions } from '../../src/events/event-stream-options.ts'
import { createSseStream } from '../../src/events/sse-stream.ts'
import { memoryEvents } from '../../src/index.ts'

/** Takes what a stream has queued now, without waiting for more. */
async function drain(stream: AsyncIterable<string>, count: number): Promise<string[]> {
  const iterator = stream[Symbol.asyncIterator]()
  const frames: string[] = []
  for (let i = 0; i < count; i++) {
    const { done, value } = await iterator.next()
    if (done) break
    frames.push(value)
  }
  return frames
}

/**
 * The next frame if one is queued already, else 'nothing queued': a stream's next() is already
 * settled when a frame waits, so it wins against a promise settling a few microtasks later.
 * (Its waiting call then takes the next frame pushed: use it last on a stream.)
 */
async function queuedNow(stream: AsyncIterable<string>): Promise<unknown> {
  const later = Promise.resolve()
    .then(() => {})
    .then(() => 'nothing queued' as const)
  const result = await Promise.race([stream[Symbol.asyncIterator]().next(), later])
  return typeof result === 'string' ? result : result.value
}

describe('one heartbeat timer per hub', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('runs only while streams are open, pings idle streams, and stops on close', async () => {
    vi.useFakeTimers()
    const hub = createEventHub({ bus: memoryEvents(), settings: resolveEventStreamOptions({ heartbeatMs: 1000 }) })
    expect(vi.getTimerCount()).toBe(0)
    const first = hub.open('alice', undefined)
    const second = hub.open(undefined, undefined)
    expect(vi.getTimerCount()).toBe(1)
    await drain(first, 1) // the connected frame
    vi.advanceTimersByTime(1000)
    expect(await drain(first, 1)).toEqual([': ping\n\n'])
    // A stream with frames waiting is busy enough: no ping queued behind them.
    vi.advanceTimersByTime(1000)
    expect(await drain(second, 1)).toEqual(['retry: 2000\n: connected\n\n'])
    expect(await queuedNow(second)).toBe('nothing queued')
    expect(await drain(first, 1)).toEqual([': ping\n\n'])
    expect(await queuedNow(first)).toBe('nothing queued')
    await first[Symbol.asyncIterator]().return!()
    expect(vi.getTimerCount()).toBe(1)
    await second[Symbol.asyncIterator]().return!()
    expect(vi.getTimerCount()).toBe(0)
    hub.open('bob', undefined)
    expect(vi.getTimerCount()).toBe(1)
    await hub.close()
    expect(vi.getTimerCount()).toBe(0)
    expect(hub.size).toBe(0)
  })
})

describe('a slow client', () => {
  const frame = (n: number) => `id: ${n}\nevent: invalidate\ndata: ${'x'.repeat(90)}\n\n`

  it('has frames queued up to a bound, then one `all` notice in their place, then frames again', async () => {
    let overflows = 0
    const stream = createSseStream({
      user: 'alice',
      maxQueuedChars: 500,
      overflowFrame: () => `all ${++overflows}`,
      onEnd: () => {},
    })
    for (let n = 1; n <= 3; n++) stream.push(frame(n))
    expect(await drain(stream, 4)).toEqual(['retry: 2000\n: connected\n\n', frame(1), frame(2), frame(3)])
    for (let n = 4; n <= 100; n++) stream.push(frame(n))
    expect(overflows).toBe(1)
    expect(await drain(stream, 1)).toEqual(['all 1'])
    stream.push(frame(101))
    expect(await drain(stream, 1)).toEqual([frame(101)])
  })

  it('hands a frame straight to a client waiting for one, and ends a wait when the stream ends', async () => {
    let ended = 0
    const stream = createSseStream({ user: undefined, maxQueuedChars: 10, overflowFrame: () => 'all', onEnd: () => ended++ })
    const iterator = stream[Symbol.asyncIterator]()
    await iterator.next()
    const waiting = iterator.next()
    stream.push(frame(1)) // longer than the bound, but nothing is queued: it goes at once
    expect(await waiting).toEqual({ done: false, value: frame(1) })
    const last = iterator.next()
    stream.end()
    stream.end()
    expect(await last).toEqual({ done: true, value: undefined })
    expect(ended).toBe(1)
    stream.push(frame(2))
    expect(await iterator.next()).toEqual({ done: true, value: undefined })
  })
})
