import { initMizan, memoryCache, MizanError } from '@mizan/server'
import superjson from 'superjson'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as z from 'zod'
import { createClient, MizanClientError, streamedAnswers } from '../src/index.ts'
import type { BatchOptions } from '../src/index.ts'
import { serveRouter } from './fixtures/serve-router.ts'
import { until } from './fixtures/until.ts'
import { watch } from './fixtures/watch.ts'

// Streamed bundles against a real Express server: each caller resolves as its own answer
// arrives, so a read held on a latch (no sleep) holds back only itself.
function streamingRouter() {
  const m = initMizan.create({ transformer: superjson, cache: memoryCache() })
  let release!: () => void
  const gate = new Promise<void>((resolve) => (release = resolve))
  const aborted: string[] = []
  const held = m.context.query(async ({ signal }) => {
    signal?.addEventListener('abort', () => aborted.push('held'))
    await gate
    return { at: new Date(Date.UTC(2026, 0, 1)) }
  })
  const fast = m.context.input(z.object({ id: z.number() })).query(({ input }) => ({ id: input.id, tags: new Set(['a']) }))
  const failing = m.context.query((): string => {
    throw new MizanError({ code: 'NOT_FOUND', message: 'Nothing here' })
  })
  const named = m.context
    .input(z.object({ name: z.string().trim() }))
    .scope('public')
    .cache()
    .query(({ input }) => input.name.length)
  return { router: m.router({ held, fast, failing, named }), release: () => release(), aborted }
}
type StreamingRouter = ReturnType<typeof streamingRouter>['router']

let closeServer: (() => Promise<void>) | undefined
afterEach(async () => {
  await closeServer?.()
  closeServer = undefined
})

async function setUp(batch: BatchOptions = {}) {
  const app = streamingRouter()
  const served = await serveRouter(app.router)
  closeServer = served.close
  const seen: Array<{ accept: string | null; type: string | null }> = []
  const recording: typeof fetch = async (input, init) => {
    const response = await fetch(input, init)
    seen.push({ accept: new Headers(init?.headers).get('accept'), type: response.headers.get('content-type') })
    return response
  }
  const client = createClient<StreamingRouter>({ url: served.url, transformer: superjson, fetch: recording, batch: { stream: streamedAnswers(), ...batch } })
  return { ...app, client, seen }
}

describe('a streamed bundle from a real server', () => {
  it('resolves each caller as its answer arrives: a held read holds back only itself', async () => {
    const { client, release, seen } = await setUp()
    const held = watch(client.held.query())
    const fast = watch(client.fast.query({ id: 1 }))
    const failing = watch(client.failing.query())
    await until(() => fast.settled && failing.settled, 'the answers not held')
    expect(held.settled).toBe(false)
    expect(fast.value).toEqual({ id: 1, tags: new Set(['a']) })
    expect(failing.error).toBeInstanceOf(MizanClientError)
    expect(failing.error).toMatchObject({ code: 'NOT_FOUND', status: 404, path: 'failing' })
    release()
    await until(() => held.settled, 'the held read')
    expect(held.value).toEqual({ at: new Date(Date.UTC(2026, 0, 1)) })
    expect(seen).toEqual([{ accept: 'application/x-ndjson, application/json', type: 'application/x-ndjson; charset=utf-8' }])
  })

  it('hands parsed params over before resolving, on a miss and on a hit from cached text', async () => {
    const { client } = await setUp()
    for (const round of ['miss', 'hit']) {
      const onParsedParams = vi.fn()
      const [length] = await Promise.all([client.named.query({ name: ' Apollo ' }, { onParsedParams }), client.fast.query({ id: 2 })])
      expect(length, round).toBe(6)
      expect(onParsedParams, round).toHaveBeenCalledWith({ name: 'Apollo' })
    }
  })

  it('keeps a single read, and every read without `streamedAnswers()`, answered whole', async () => {
    const { client, release, seen } = await setUp({ stream: undefined })
    release()
    await client.fast.query({ id: 3 })
    await Promise.all([client.held.query(), client.fast.query({ id: 4 })])
    expect(seen.map((request) => request.accept)).toEqual([null, null])
    expect(seen.every((request) => request.type?.startsWith('application/json'))).toBe(true)
  })

  it('aborts the request once every read still waiting is aborted, answered ones kept', async () => {
    const { client, aborted } = await setUp()
    const controller = new AbortController()
    const held = client.held.query(undefined, { signal: controller.signal })
    const fast = await client.fast.query({ id: 5 })
    expect(fast).toEqual({ id: 5, tags: new Set(['a']) })
    controller.abort(new Error('left the page'))
    await expect(held).rejects.toThrow('left the page')
    // The server hears the request go away: the held resolver's signal fires.
    await until(() => aborted.length > 0, 'the server to see the abort')
    expect(aborted).toEqual(['held'])
  })
})
