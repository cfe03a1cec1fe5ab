import express from 'express'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { mizanExpress } from '../../src/adapters/express.ts'
import { initMizan, memoryCache } from '../../src/index.ts'
import { createCacheRouter, latch } from '../fixtures/cache-router.ts'
import { waitFor } from '../fixtures/wait-for.ts'
import { expressTransport, openPerTest } from '../http/transports.ts'
import type { Transport } from '../http/transports.ts'
import { readAs, writeAs } from '../http/wire-helpers.ts'

const open = openPerTest()

async function serve(fixture = createCacheRouter()) {
  return { ...fixture, t: await open(expressTransport, { router: fixture.router }) }
}


describe('result cache (memory)', () => {
  it('serves a cached context from the cache while fresh, and a context without .cache() never', async () => {
    const { t, counts } = await serve()
    expect((await readAs(t, 'ann', 'note', { id: 1 })).text).toBe("ann's note 1")
    expect((await readAs(t, 'ann', 'note', { id: 1 })).at).toEqual(new Date(0))
    expect(counts.note).toBe(1)
    expect(counts.arrivals).toBe(2) // middleware still runs on a hit
    await readAs(t, 'ann', 'plain', undefined)
    await readAs(t, 'ann', 'plain', undefined)
    expect(counts.plain).toBe(2)
  })

  it('does not cache anonymous reads of a user-scoped context', async () => {
    const { t, counts } = await serve()
    await readAs(t, null, 'note', { id: 1 })
    await readAs(t, null, 'note', { id: 1 })
    expect(counts.note).toBe(2)
  })

  it('read-your-writes: with 20 readers running, no read by the writer started after the answer returns the old value', async () => {
    const { t, db } = await serve()
    db.notes.set('ann:1', 'old')
    expect((await readAs(t, 'ann', 'note', { id: 1 })).text).toBe('old')
    let answered = false
    const readers = Array.from({ length: 20 }, async () => {
      const afterAnswer: string[] = []
      while (afterAnswer.length < 5) {
        const startedAfterAnswer = answered
        const { text } = await readAs(t, 'ann', 'note', { id: 1 })
        if (startedAfterAnswer) afterAnswer.push(text)
      }
      return afterAnswer
    })
    await writeAs(t, 'ann', 'editNote', { id: 1, text: 'new' }).finally(() => (answered = true))
    const seen = (await Promise.all(readers)).flat()
    expect(seen).toHaveLength(100)
    expect(seen.filter((text) => text !== 'new')).toEqual([])
  })

  it('a slow read straddling a purge neither poisons the cache nor is joined by a read started after the write', async () => {
    const fixture = createCacheRouter()
    const { t, db, counts, control } = await serve(fixture)
    db.notes.set('ann:1', 'old')
    const hold = latch()
    control.hold = hold.promise
    const slow = readAs(t, 'ann', 'note', { id: 1 })
    await waitFor(() => counts.note === 1) // it has read 'old' and waits
    await writeAs(t, 'ann', 'editNote', { id: 1, text: 'new' })
    const during = readAs(t, 'ann', 'note', { id: 1 })
    await waitFor(() => counts.arrivals === 2)
    hold.release()
    expect((await slow).text).toBe('old') // it started before the write: allowed
    expect((await during).text).toBe('new')
    expect((await readAs(t, 'ann', 'note', { id: 1 })).text).toBe('new')
    expect((await readAs(t, 'ann', 'note', { id: 1 })).text).toBe('new')
  })

  it('single flight: 50 concurrent misses of one key run the resolver once', async () => {
    const { t, counts, control } = await serve()
    const hold = latch()
    control.hold = hold.promise
    const reads = Array.from({ length: 50 }, () => readAs(t, 'bob', 'note', { id: 7 }))
    await waitFor(() => counts.arrivals === 50)
    hold.release()
    const answers = await Promise.all(reads)
    expect(counts.note).toBe(1)
    expect(new Set(answers.map((answer) => answer.text))).toEqual(new Set(["bob's note 7"]))
  })

  it('no cross-user leak under 100 concurrent mixed reads and writes, nor from the cache afterwards', async () => {
    const { t, control } = await serve()
    const hold = latch()
    control.hold = hold.promise
    const users = ['u0', 'u1', 'u2', 'u3', 'u4']
    const mixed = (round: number) =>
      Array.from({ length: 100 }, async (_, i) => {
        const user = users[i % users.length]!
        const id = 1 + (i % 3)
        if (round === 0 && i % 10 === 9) {
          await writeAs(t, user, 'editNote', { id, text: `${user} wrote ${i}` })
          return
        }
        const answer = await readAs(t, user, 'note', { id })
        expect(answer.owner).toBe(user)
        expect(answer.text.startsWith(`${user} `) || answer.text.startsWith(`${user}'s`)).toBe(true)
      })
    const first = Promise.all(mixed(0))
    hold.release()
    await first
    await Promise.all(mixed(1))
  })

  it('a write purges a public context for every user, and a partial directive only the instances holding its fields', async () => {
    const { t, counts } = await serve()
    await readAs(t, 'bob', 'board', { id: 1 })
    await readAs(t, 'bob', 'board', { id: 1, tab: 'a' })
    await readAs(t, 'bob', 'board', { id: 2 })
    expect(counts.board).toBe(3)
    await writeAs(t, 'ann', 'renameBoard', { id: 1, title: 'Renamed' })
    expect((await readAs(t, 'bob', 'board', { id: 1 })).title).toBe('Renamed')
    expect((await readAs(t, 'cy', 'board', { id: 1, tab: 'a' })).title).toBe('Renamed')
    expect((await readAs(t, 'bob', 'board', { id: 2 })).title).toBe('Board 2')
    expect(counts.board).toBe(5) // id 2 still cached
  })

  it("a user-scoped write purges the acting user's entries only", async () => {
    const { t, counts } = await serve()
    await readAs(t, 'ann', 'note', { id: 1 })
    await readAs(t, 'bob', 'note', { id: 1 })
    await writeAs(t, 'ann', 'editNote', { id: 1, text: 'new' })
    expect((await readAs(t, 'ann', 'note', { id: 1 })).text).toBe('new')
    expect((await readAs(t, 'bob', 'note', { id: 1 })).text).toBe("bob's note 1")
    expect(counts.note).toBe(3)
  })

  it('the view-path helper purges before the response is sent', async () => {
    const { router, db, counts, note } = createCacheRouter()
    const mizan = mizanExpress({ router, createContext: ({ req }) => ({ user: req.get('x-user') ?? null }) })
    const app = express()
    app.use('/mizan', mizan)
    app.post('/form/note', async (req, res) => {
      db.notes.set(`${req.get('x-user')}:1`, 'from a form')
      await mizan.invalidate(req, [note({ id: 1 })])
      res.status(303).location('/').end()
    })
    const server = app.listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const t = { send: (path: string, init?: RequestInit) => fetch(`${base}/mizan${path}`, init) } as Transport
    try {
      await readAs(t, 'ann', 'note', { id: 1 })
      expect((await fetch(`${base}/form/note`, { method: 'POST', headers: { 'x-user': 'ann' }, redirect: 'manual' })).status).toBe(303)
      expect((await readAs(t, 'ann', 'note', { id: 1 })).text).toBe('from a form')
      expect(counts.note).toBe(2)
    } finally {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })
})

describe('result cache through createCaller', () => {
  it('a createCaller mutation purges, and a caller cannot change what the next reader gets', async () => {
    const { router, db, counts } = createCacheRouter()
    const caller = router.createCaller({ user: 'ann' })
    const first = await caller.note({ id: 1 })
    first.text = 'changed by the caller'
    db.notes.set('ann:1', 'written behind the cache')
    expect((await caller.note({ id: 1 })).text).toBe("ann's note 1")
    await caller.editNote({ id: 1, text: 'new' })
    expect((await caller.note({ id: 1 })).text).toBe('new')
    expect(counts.note).toBe(2)
  })

  it('entries expire after their time to live (injected clock)', async () => {
    let now = 1_000
    const { router, counts } = createCacheRouter({ ttlMs: 100, now: () => now })
    const caller = router.createCaller({ user: 'ann' })
    await caller.note({ id: 1 })
    now += 99
    await caller.note({ id: 1 })
    expect(counts.note).toBe(1)
    now += 1
    await caller.note({ id: 1 })
    expect(counts.note).toBe(2)
    // A context's own ttlMs wins over the store's default.
    await caller.board({ id: 1 })
    now += 1_000
    await caller.board({ id: 1 })
    expect(counts.board).toBe(1)
  })

  it('evicts the least recently used entry past maxEntries', async () => {
    const { router, counts } = createCacheRouter({ maxEntries: 2 })
    const caller = router.createCaller({ user: 'ann' })
    await caller.note({ id: 1 })
    await caller.note({ id: 2 })
    await caller.note({ id: 1 }) // hit: 2 is now the least recently used
    await caller.note({ id: 3 }) // evicts 2
    expect(counts.note).toBe(3)
    await caller.note({ id: 1 })
    expect(counts.note).toBe(3)
    await caller.note({ id: 2 })
    expect(counts.note).toBe(4)
  })

  it('refuses at startup a user-scoped cached context without userKey', () => {
    const m = initMizan.context<{ user: string | null }>().create({ cache: memoryCache() })
    const router = m.router({ cart: m.context.cache().query(() => []) })
    expect(() => router.createCaller({ user: 'ann' })).toThrow(/no userKey/)
    const publicOnly = m.router({ cart: m.context.scope('public').cache().query(() => []) })
    expect(() => publicOnly.createCaller({ user: null })).not.toThrow()
  })

  it('types: .cache() is a context builder step, typed; mutations have none', () => {
    const m = initMizan.context<{ user: string | null }>().create({ cache: memoryCache(), userKey: (ctx) => ctx.user })
    // @ts-expect-error userKey sees the context's type
    initMizan.context<{ user: string | null }>().create({ userKey: (ctx) => ctx.missing })
    // @ts-expect-error ttlMs is a number
    expect(() => m.context.cache({ ttlMs: '1s' })).toThrow(/ttlMs/)
    // @ts-expect-error a mutation is never cached
    m.mutation.cache
    expect(() => m.context.cache({ ttlMs: -1 })).toThrow(/ttlMs/)
  })
})
