import { Redis } from 'ioredis'
import type { RedisOptions } from 'ioredis'
import { afterEach, describe, expect, inject, it, vi } from 'vitest'
import { redisCache } from '../../src/redis/index.ts'
import type { RedisCache } from '../../src/redis/index.ts'
import { createCacheCounts, createCacheDb, createCacheRouter, latch } from '../fixtures/cache-router.ts'
import { waitFor } from '../fixtures/wait-for.ts'
import { expressTransport, openPerTest } from '../http/transports.ts'
import { readAs, writeAs } from '../http/wire-helpers.ts'
import { freePort, startRedisServer } from './redis-server.ts'
import type { RedisServer } from './redis-server.ts'

const sharedPort = inject('redisPort')
const open = openPerTest()
const stores: RedisCache[] = []
const servers: RedisServer[] = []
let prefixes = 0

afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()))
  await Promise.all(servers.splice(0).map((server) => server.stop()))
  vi.restoreAllMocks()
})

interface StoreOptions {
  readonly port?: number
  readonly prefix?: string
  /** Drop the purge messages this store's subscriber receives while set (pub/sub loses messages). */
  readonly lossy?: { drop: boolean }
}

/** A store on its own connections, as one server instance would have; connected when returned. */
async function store({ port = sharedPort!, prefix = `test${++prefixes}:`, lossy }: StoreOptions = {}): Promise<RedisCache> {
  // A template that never connects itself: the store opens its own connections from it.
  const template = new Redis({ port, host: '127.0.0.1', lazyConnect: true })
  if (lossy) {
    const duplicate = template.duplicate.bind(template)
    template.duplicate = ((override?: Partial<RedisOptions>) => {
      const connection = duplicate(override)
      if (override?.enableOfflineQueue) {
        const emit = connection.emit.bind(connection)
        connection.emit = (event: string | symbol, ...args: unknown[]) => ((event === 'message' || event === 'messageBuffer') && lossy.drop ? false : emit(event, ...args))
      }
      return connection
    }) as typeof template.duplicate
  }
  const cache = redisCache({ redis: template, prefix, timeoutMs: 200 })
  stores.push(cache)
  await waitFor(() => cache.connected)
  return cache
}

/** Two server instances (each its own router, store and Express server) over one database. */
async function twoInstances(options: { port?: number; lossyB?: { drop: boolean } } = {}) {
  const prefix = `test${++prefixes}:`
  const db = createCacheDb()
  const counts = createCacheCounts()
  const storeA = await store({ prefix, ...(options.port ? { port: options.port } : {}) })
  const storeB = await store({ prefix, ...(options.port ? { port: options.port } : {}), ...(options.lossyB ? { lossy: options.lossyB } : {}) })
  const a = createCacheRouter({}, { store: storeA, db, counts })
  const b = createCacheRouter({}, { store: storeB, db, counts })
  return {
    db,
    counts,
    storeA,
    storeB,
    a: { ...a, t: await open(expressTransport, { router: a.router }) },
    b: { ...b, t: await open(expressTransport, { router: b.router }) },
  }
}


describe.skipIf(sharedPort === null)('result cache (Redis)', () => {
  it('two instances share entries through Redis, and a write on A drops B\'s local copy over pub/sub', async () => {
    const { a, b, counts, storeB } = await twoInstances()
    expect((await readAs(a.t, 'ann', 'note', { id: 1 })).text).toBe("ann's note 1")
    expect((await readAs(b.t, 'ann', 'note', { id: 1 })).at).toEqual(new Date(0))
    expect(counts.note).toBe(1) // B was served A's result
    expect(storeB.localEntries).toBe(1)
    await writeAs(a.t, 'ann', 'editNote', { id: 1, text: 'new' })
    await waitFor(() => storeB.localEntries === 0)
    expect((await readAs(b.t, 'ann', 'note', { id: 1 })).text).toBe('new')
    expect(counts.note).toBe(2)
    // Public contexts, partial directives: only the instances holding the fields go.
    await readAs(b.t, 'bob', 'board', { id: 1 })
    await readAs(b.t, 'bob', 'board', { id: 1, tab: 'a' })
    await readAs(b.t, 'bob', 'board', { id: 2 })
    await writeAs(a.t, 'ann', 'renameBoard', { id: 1, title: 'Renamed' })
    expect((await readAs(b.t, 'cy', 'board', { id: 1, tab: 'a' })).title).toBe('Renamed')
    expect((await readAs(a.t, 'cy', 'board', { id: 1 })).title).toBe('Renamed')
    expect((await readAs(a.t, 'cy', 'board', { id: 2 })).title).toBe('Board 2')
    expect(counts.board).toBe(5) // id 2 still cached, in Redis
  })

  it('read-your-writes across instances without pub/sub: a read on B after A answers gets the new value, even joining nothing B had in flight', async () => {
    const lossy = { drop: true }
    const { a, b, db, counts } = await twoInstances({ lossyB: lossy })
    db.notes.set('ann:1', 'old')
    expect((await readAs(b.t, 'ann', 'note', { id: 1 })).text).toBe('old') // cached in Redis and in B's local layer
    await writeAs(a.t, 'ann', 'editNote', { id: 1, text: 'new' })
    expect((await readAs(b.t, 'ann', 'note', { id: 1 })).text).toBe('new')

    // A slow read on B straddles a write on A: a read on B started after the answer must not join
    // it, and the slow one must not store its old value.
    db.notes.set('ann:2', 'old')
    const hold = latch()
    b.control.hold = hold.promise
    const slow = readAs(b.t, 'ann', 'note', { id: 2 })
    await waitFor(() => b.control.hold === undefined) // it has read 'old' and waits
    await writeAs(a.t, 'ann', 'editNote', { id: 2, text: 'new' })
    const computed = counts.note
    const during = readAs(b.t, 'ann', 'note', { id: 2 })
    await waitFor(() => counts.note === computed + 1)
    expect((await during).text).toBe('new')
    hold.release()
    expect((await slow).text).toBe('old') // it started before the write: allowed
    expect((await readAs(b.t, 'ann', 'note', { id: 2 })).text).toBe('new')
    expect((await readAs(a.t, 'ann', 'note', { id: 2 })).text).toBe('new')

    // Nothing on B hears of the write before the slow read commits: Redis alone refuses it.
    db.notes.set('ann:3', 'old')
    const hold3 = latch()
    b.control.hold = hold3.promise
    const slow3 = readAs(b.t, 'ann', 'note', { id: 3 })
    await waitFor(() => b.control.hold === undefined)
    await writeAs(a.t, 'ann', 'editNote', { id: 3, text: 'new' })
    hold3.release()
    expect((await slow3).text).toBe('old')
    expect((await readAs(b.t, 'ann', 'note', { id: 3 })).text).toBe('new')
    expect((await readAs(a.t, 'ann', 'note', { id: 3 })).text).toBe('new')
  })

  it('read-your-writes: with 20 readers on both instances, no read started after the answer returns the old value', async () => {
    const { a, b, db } = await twoInstances()
    db.notes.set('ann:1', 'old')
    expect((await readAs(a.t, 'ann', 'note', { id: 1 })).text).toBe('old')
    let answered = false
    const readers = Array.from({ length: 20 }, async (_, i) => {
      const t = i % 2 === 0 ? a.t : b.t
      const afterAnswer: string[] = []
      while (afterAnswer.length < 5) {
        const startedAfterAnswer = answered
        const { text } = await readAs(t, 'ann', 'note', { id: 1 })
        if (startedAfterAnswer) afterAnswer.push(text)
      }
      return afterAnswer
    })
    await writeAs(a.t, 'ann', 'editNote', { id: 1, text: 'new' }).finally(() => (answered = true))
    const seen = (await Promise.all(readers)).flat()
    expect(seen).toHaveLength(100)
    expect(seen.filter((text) => text !== 'new')).toEqual([])
  })

  it('a slow read straddling a purge on the same instance neither poisons Redis nor is joined', async () => {
    const { a, b, db, counts } = await twoInstances()
    db.notes.set('ann:1', 'old')
    const hold = latch()
    a.control.hold = hold.promise
    const slow = readAs(a.t, 'ann', 'note', { id: 1 })
    await waitFor(() => counts.note === 1)
    await writeAs(a.t, 'ann', 'editNote', { id: 1, text: 'new' })
    const during = readAs(a.t, 'ann', 'note', { id: 1 })
    await waitFor(() => counts.arrivals === 2)
    hold.release()
    expect((await slow).text).toBe('old')
    expect((await during).text).toBe('new')
    expect((await readAs(a.t, 'ann', 'note', { id: 1 })).text).toBe('new')
    expect((await readAs(b.t, 'ann', 'note', { id: 1 })).text).toBe('new')
  })

  it('single flight: 50 concurrent misses of one key on one instance run the resolver once', async () => {
    const { a, counts } = await twoInstances()
    const hold = latch()
    a.control.hold = hold.promise
    const reads = Array.from({ length: 50 }, () => readAs(a.t, 'bob', 'note', { id: 7 }))
    await waitFor(() => counts.arrivals === 50)
    hold.release()
    const answers = await Promise.all(reads)
    expect(counts.note).toBe(1)
    expect(new Set(answers.map((answer) => answer.text))).toEqual(new Set(["bob's note 7"]))
  })

  it('redis-server stopped mid-test: requests are served within the timeout, a write meanwhile is not hidden afterwards, and caching and fan-out resume', async () => {
    const server = await startRedisServer()
    servers.push(server)
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { a, b, db, counts, storeA, storeB } = await twoInstances({ port: server.port })
    db.notes.set('ann:1', 'old')
    await readAs(a.t, 'ann', 'note', { id: 1 })
    expect((await readAs(b.t, 'ann', 'note', { id: 1 })).text).toBe('old')
    expect(counts.note).toBe(1)

    server.pause()
    const started = Date.now()
    for (let i = 0; i < 5; i++) {
      expect((await readAs(a.t, 'ann', 'note', { id: 1 })).text).toBe('old')
      expect((await readAs(b.t, 'ann', 'note', { id: 1 })).text).toBe('old')
    }
    await writeAs(a.t, 'ann', 'editNote', { id: 1, text: 'written during the outage' })
    expect((await readAs(a.t, 'ann', 'note', { id: 1 })).text).toBe('written during the outage')
    // Ten reads and a write, each instance waiting for one command timeout (200 ms) at most once.
    expect(Date.now() - started).toBeLessThan(1500)
    expect(storeA.connected || storeB.connected).toBe(false)
    expect(warn).toHaveBeenCalledTimes(2) // once per instance, not once per request
    expect(String(warn.mock.calls[0]![0])).toMatch(/Redis is unreachable/)

    server.resume()
    await waitFor(() => storeA.connected && storeB.connected)
    // The entry stored before the outage is still in Redis: it must not come back.
    expect((await readAs(b.t, 'ann', 'note', { id: 1 })).text).toBe('written during the outage')
    const computed = counts.note
    expect((await readAs(a.t, 'ann', 'note', { id: 1 })).text).toBe('written during the outage')
    expect(counts.note).toBe(computed) // caching resumed: shared again
    expect(storeB.localEntries).toBe(1)
    await writeAs(a.t, 'ann', 'editNote', { id: 1, text: 'after' })
    await waitFor(() => storeB.localEntries === 0) // fan-out resumed
    expect((await readAs(b.t, 'ann', 'note', { id: 1 })).text).toBe('after')
    expect(warn).toHaveBeenCalledTimes(2)
  })

  it('redis-server killed and restarted on its port: served meanwhile, then caching resumes', async () => {
    const server = await startRedisServer()
    servers.push(server) // stopped after the test even if it fails first (stop() is idempotent)
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { a, b, counts, storeA, storeB } = await twoInstances({ port: server.port })
    await readAs(a.t, 'ann', 'note', { id: 1 })
    await server.stop()
    await waitFor(() => !storeA.connected)
    expect((await readAs(a.t, 'ann', 'note', { id: 1 })).text).toBe("ann's note 1")
    await writeAs(a.t, 'ann', 'editNote', { id: 1, text: 'new' })
    expect(warn).toHaveBeenCalled()
    servers.push(await startRedisServer(server.port))
    await waitFor(() => storeA.connected && storeB.connected, 5000)
    expect((await readAs(b.t, 'ann', 'note', { id: 1 })).text).toBe('new')
    const computed = counts.note
    expect((await readAs(a.t, 'ann', 'note', { id: 1 })).text).toBe('new')
    expect(counts.note).toBe(computed)
  })
})

describe.skipIf(sharedPort === null)('redisCache without Redis from the start', () => {
  it('serves uncached, warns once however often it retries, and holds no request up', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const port = await freePort() // nothing listens there
    const template = new Redis({ port, host: '127.0.0.1', lazyConnect: true })
    // Counts the refused connection attempts of the store's own connections.
    let refused = 0
    const duplicate = template.duplicate.bind(template)
    template.duplicate = ((override?: Partial<RedisOptions>) => duplicate(override).on('error', () => refused++)) as typeof template.duplicate
    const cache = redisCache({ redis: template, prefix: 'nowhere:' })
    stores.push(cache)
    const { router, counts } = createCacheRouter({}, { store: cache })
    const caller = router.createCaller({ user: 'ann' })
    await waitFor(() => refused >= 6) // several reconnect attempts of both connections
    const started = Date.now()
    for (let i = 0; i < 3; i++) expect((await caller.note({ id: 1 })).text).toBe("ann's note 1")
    await caller.editNote({ id: 1, text: 'new' })
    expect((await caller.note({ id: 1 })).text).toBe('new')
    expect(counts.note).toBe(4)
    expect(Date.now() - started).toBeLessThan(500)
    expect(warn).toHaveBeenCalledTimes(1)
    expect(cache.connected).toBe(false)
  })
})

describe.skipIf(sharedPort === null)('redisCache options', () => {
  it('refuses bad options', () => {
    const redis = new Redis({ lazyConnect: true })
    expect(() => redisCache({ redis, maxLocalEntries: -1 })).toThrow(/maxLocalEntries/)
    expect(() => redisCache({ redis, ttlMs: 0 })).toThrow(/ttlMs/)
    expect(() => redisCache({ redis, timeoutMs: Number.POSITIVE_INFINITY })).toThrow(/timeoutMs/)
  })
})
