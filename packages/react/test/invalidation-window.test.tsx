import { cleanup, render } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { FlushedDirective, InvalidationOptions } from '@mizan/client'
import { MizanProvider } from '../src/index.ts'
import { ProjectItem } from './fixtures/project-item.tsx'
import { serveDuringTests } from './fixtures/server.ts'
import { createTestClients, logAfterMarker } from './fixtures/setup.tsx'

// Issue 11, item 3: two writes fired together answer in different ticks, so their directives
// flushed separately and a query both invalidate was read twice. The client's opt-in
// `invalidation.windowMs` merges the answers that arrive within it into one flush.

const live = serveDuringTests()
afterEach(() => {
  vi.useRealTimers()
  cleanup()
})

// Captured before any test fakes timers: waiting for a condition must not move fake time.
const realSetTimeout = globalThis.setTimeout

/** Polls `condition` on real timers until it holds (fails after about 5 s). */
async function until(condition: () => boolean): Promise<void> {
  for (let tries = 0; !condition(); tries++) {
    if (tries === 500) throw new Error(`Condition never held: ${condition.toString()}`)
    await new Promise((resolve) => realSetTimeout(resolve, 10))
  }
}

/**
 * Mounts project 7/1, 7/2 and 8/1, then fires two writes together, `touchOne(7/2)` and
 * `touchWhere({ id: 7 })`, both invalidating 7/2. Their answers are held and handed over one by
 * one: the first, then (once whatever it started is done) the second 3 ms later, in fake time;
 * then fake time moves past any window. Gives what the server read after the writes, and the flushes.
 */
async function twoWritesAnsweredThreeMsApart(invalidation?: InvalidationOptions) {
  live.current.reset()
  const held: Array<{ readonly url: string; readonly release: () => void }> = []
  // By path: the two answers may arrive in either order (each write first fetches the shared CSRF token).
  const answer = (path: string) => held.find((entry) => entry.url.endsWith(`/m/${path}`))!.release()
  const holdAnswers: typeof fetch = async (input, init) => {
    const response = await fetch(input, init)
    if (!String(input).includes('/m/')) return response
    const text = await response.text()
    await new Promise<void>((release) => held.push({ url: String(input), release }))
    return new Response(text, { status: response.status, headers: response.headers })
  }
  const clients = createTestClients(live.current.url, { fetch: holdAnswers, invalidation })
  const { client, queryClient } = clients
  const flushes: FlushedDirective[][] = []
  client.$scheduler.subscribe((directives) => flushes.push([...directives]))
  render(
    <MizanProvider client={client} queryClient={queryClient}>
      <ProjectItem id={7} page={1} />
      <ProjectItem id={7} page={2} />
      <ProjectItem id={8} page={1} />
    </MizanProvider>,
  )
  await vi.waitFor(() => {
    expect(live.current.log.reads).toHaveLength(3)
    expect(queryClient.isFetching()).toBe(0)
  })
  live.current.reset()

  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  const first = client.touchOne.mutate({ id: 7, page: 2 })
  const second = client.touchWhere.mutate({ id: 7 })
  await until(() => held.length === 2)
  answer('touchOne')
  await first
  // Without a window, the first answer's refetch ran; with one, nothing has started yet.
  await until(() => queryClient.isFetching() === 0)
  vi.advanceTimersByTime(3)
  answer('touchWhere')
  await second
  vi.advanceTimersByTime(10)
  vi.useRealTimers()
  const log = await logAfterMarker(clients, live.current.log)
  return { reads: log.reads.sort(), requests: log.bundles, flushes: flushes.length }
}

describe('two writes fired together, answered a few ms apart', () => {
  it('by default flush separately: the query both invalidate is read twice, in two requests', async () => {
    const seen = await twoWritesAnsweredThreeMsApart()
    expect(seen).toEqual({ reads: ['project 7/1', 'project 7/2', 'project 7/2'], requests: 2, flushes: 2 })
  })

  it('with `invalidation: { windowMs: 10 }` flush once: each query is read once, in one request', async () => {
    const seen = await twoWritesAnsweredThreeMsApart({ windowMs: 10 })
    expect(seen).toEqual({ reads: ['project 7/1', 'project 7/2'], requests: 1, flushes: 1 })
  })
})
