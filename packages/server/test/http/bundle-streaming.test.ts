import superjson from 'superjson'
import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import { initMizan, memoryCache, MizanError } from '../../src/index.ts'
import type { ItemAnswer, StreamedAnswer } from '../../src/protocol/index.ts'
import { waitFor } from '../fixtures/wait-for.ts'
import { openPerTest, transports } from './transports.ts'
import type { Transport } from './transports.ts'
import { dataOf, errorOf, item } from './wire-helpers.ts'

const open = openPerTest()
const streamed = { accept: 'application/x-ndjson, application/json' }

/** A promise the test settles: holds a read for exactly as long as the test wants, no timing. */
function latch() {
  let release!: () => void
  const opened = new Promise<void>((resolve) => (release = resolve))
  return { opened, release }
}

function streamingRouter() {
  const m = initMizan.create({ transformer: superjson, cache: memoryCache() })
  const gate = latch()
  const held = m.context.query(async () => {
    await gate.opened
    return 'held'
  })
  const fast = m.context.input(z.object({ id: z.number() })).query(({ input }) => ({ id: input.id, at: new Date(Date.UTC(2026, 0, input.id)) }))
  const failing = m.context.query((): string => {
    throw new MizanError({ code: 'NOT_FOUND', message: 'Nothing here' })
  })
  const named = m.context
    .input(z.object({ name: z.string().trim() }))
    .scope('public')
    .cache()
    .query(({ input }) => ({ name: input.name }))
  // Each read of `later` waits until the test lets it answer, so its bundle is not done by the
  // next turn of the event loop and streams; `answerLater()` lets the oldest waiting one answer.
  const waiting: Array<() => void> = []
  const later = m.context.query(() => new Promise<string>((resolve) => waiting.push(() => resolve('later'))))
  const answerLater = async () => {
    await waitFor(() => waiting.length > 0)
    waiting.shift()!()
  }
  return { router: m.router({ held, fast, failing, named, later }), release: gate.release, answerLater }
}

function get(t: Transport, items: unknown, headers: Record<string, string> = {}) {
  return t.send(`/q?items=${encodeURIComponent(JSON.stringify(items))}`, { headers })
}

/** The streamed lines of a response, one at a time, as the test asks for them. */
function lines(response: Response) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
  let buffer = ''
  return {
    async next(): Promise<StreamedAnswer | undefined> {
      while (!buffer.includes('\n')) {
        const { done, value } = await reader.read()
        if (done) {
          expect(buffer).toBe('')
          return undefined
        }
        buffer += value
      }
      const end = buffer.indexOf('\n')
      const line = buffer.slice(0, end)
      buffer = buffer.slice(end + 1)
      return JSON.parse(line) as StreamedAnswer
    },
  }
}

describe.each(transports)('streamed bundles over %s', (_name, transport) => {
  it('answers the other reads while one is held, each line naming its item, errors on their own', async () => {
    const { router, release } = streamingRouter()
    const t = await open(transport, { router })
    const response = await get(t, [item('held'), item('fast', { id: 1 }), item('failing'), item('fast', { id: 2 })], streamed)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('cache-control')).toBe('no-store')
    const read = lines(response)
    // `held` is still waiting on the latch: these three can only have come before it.
    const early = new Map<number, ItemAnswer>()
    for (let n = 0; n < 3; n++) {
      const [index, answer] = (await read.next())!
      early.set(index, answer)
    }
    expect([...early.keys()].sort()).toEqual([1, 2, 3])
    expect(dataOf(early.get(1))).toEqual({ id: 1, at: new Date(Date.UTC(2026, 0, 1)) })
    expect(errorOf(early.get(2))).toEqual({ code: 'NOT_FOUND', message: 'Nothing here', status: 404 })
    expect(dataOf(early.get(3))).toEqual({ id: 2, at: new Date(Date.UTC(2026, 0, 2)) })
    release()
    const last = (await read.next())!
    expect(last[0]).toBe(0)
    expect(dataOf(last[1])).toBe('held')
    expect(await read.next()).toBeUndefined()
  })

  it('carries parsed params, on a miss and on a hit answered from cached text', async () => {
    const { router, answerLater } = streamingRouter()
    const t = await open(transport, { router })
    const items = [item('named', { name: ' Apollo ' }), item('fast', { id: 3 }), item('later')]
    for (const round of ['miss', 'hit']) {
      const read = lines(await get(t, items, streamed))
      const answers = new Map<number, ItemAnswer>()
      for (let n = 0; n < 2; n++) {
        const [index, answer] = (await read.next())!
        answers.set(index, answer)
      }
      await answerLater()
      for (let line = await read.next(); line; line = await read.next()) answers.set(line[0], line[1])
      expect(answers.size, round).toBe(3)
      expect(dataOf(answers.get(0)), round).toEqual({ name: 'Apollo' })
      expect(answers.get(0), round).toMatchObject({ params: superjson.serialize({ name: 'Apollo' }) })
      expect(answers.get(1), round).not.toHaveProperty('params')
    }
  })

  it('answers a bundle whose reads are all done at once with the array, even when asked for a stream', async () => {
    const { router } = streamingRouter()
    const t = await open(transport, { router })
    const response = await get(t, [item('fast', { id: 5 }), item('failing'), item('named', { name: ' Ann ' })], streamed)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    const [fast, failing, named] = (await response.json()) as ItemAnswer[]
    expect(dataOf(fast)).toEqual({ id: 5, at: new Date(Date.UTC(2026, 0, 5)) })
    expect(errorOf(failing).code).toBe('NOT_FOUND')
    expect(named).toMatchObject({ params: superjson.serialize({ name: 'Ann' }) })
  })

  it('answers clients that do not ask for a stream with the array, in request order', async () => {
    const { router, release } = streamingRouter()
    const t = await open(transport, { router })
    release()
    const items = [item('held'), item('failing'), item('named', { name: ' Zed ' })]
    for (const headers of [{}, { accept: 'application/json' }, { accept: '*/*' }]) {
      const response = await get(t, items, headers)
      expect(response.headers.get('content-type')).toMatch(/^application\/json/)
      const [held, failing, named] = (await response.json()) as ItemAnswer[]
      expect(dataOf(held)).toBe('held')
      expect(errorOf(failing).code).toBe('NOT_FOUND')
      expect(named).toMatchObject({ params: superjson.serialize({ name: 'Zed' }) })
    }
  })

  it('streams a POST bundle too, and still refuses a malformed bundle with a JSON 400', async () => {
    const { router, answerLater } = streamingRouter()
    const t = await open(transport, { router })
    const response = await t.send('/q', { method: 'POST', headers: { ...streamed, 'content-type': 'application/json' }, body: JSON.stringify([item('later'), item('fast', { id: 4 })]) })
    expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/)
    const read = lines(response)
    expect(await read.next()).toEqual([1, { data: superjson.serialize({ id: 4, at: new Date(Date.UTC(2026, 0, 4)) }) }])
    await answerLater()
    expect(await read.next()).toEqual([0, { data: superjson.serialize('later') }])
    expect(await read.next()).toBeUndefined()
    const refused = await get(t, [], streamed)
    expect(refused.status).toBe(400)
    expect(refused.headers.get('content-type')).toMatch(/^application\/json/)
  })
})
