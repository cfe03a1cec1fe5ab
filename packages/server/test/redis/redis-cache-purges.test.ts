import { Redis } from 'ioredis'
import type { RedisOptions } from 'ioredis'
import { afterEach, describe, expect, inject, it, vi } from 'vitest'
import { redisCache } from '../../src/redis/index.ts'
import type { RedisCache, RedisCacheOptions } from '../../src/redis/index.ts'
import { part } from '../../src/redis/scripts.ts'
import { createPurgeRouter } from '../cache/purge-router.ts'
import { latch } from '../fixtures/cache-router.ts'
import { waitFor } from '../fixtures/wait-for.ts'

const port = inject('redisPort')
const stores: RedisCache[] = []
const clients: Redis[] = []
let prefixes = 0

afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()))
  await Promise.all(clients.splice(0).map((client) => client.quit()))
})

interface StoreOptions extends Pick<RedisCacheOptions, 'maxLocalEntries' | 'ttlMs'> {
  readonly prefix: string
  /** Drop every purge message this store's subscriber receives: only Redis can tell it of purges. */
  readonly deaf?: boolean
}

/** A store on its own connections, as one server instance has; connected when returned. */
async function store({ prefix, deaf = false, ...options }: StoreOptions): Promise<RedisCache> {
  const template = new Redis({ port: port!, host: '127.0.0.1', lazyConnect: true })
  if (deaf) {
    const duplicate = template.duplicate.bind(template)
    template.duplicate = ((override?: Partial<RedisOptions>) => {
      const connection = duplicate(override)
      // The subscriber is the connection with an offline queue.
      if (override?.enableOfflineQueue) {
        const emit = connection.emit.bind(connection)
        connection.emit = (event: string | symbol, ...args: unknown[]) => (event === 'message' || event === 'messageBuffer' ? false : emit(event, ...args))
      }
      return connection
    }) as typeof template.duplicate
  }
  const cache = redisCache({ redis: template, prefix, timeoutMs: 200, ...options })
  stores.push(cache)
  await waitFor(() => cache.connected)
  return cache
}

/**
 * Instance A reads, instance B writes; they share Redis, a prefix and the run counts. `deafA`:
 * A hears no purge over pub/sub, so only what the purge did in Redis can stop A serving a copy.
 */
async function twoInstances(options: { deafA?: boolean; maxLocalEntries?: number } = {}) {
  const prefix = `purges${++prefixes}:`
  const local = options.maxLocalEntries === undefined ? {} : { maxLocalEntries: options.maxLocalEntries }
  const storeA = await store({ prefix, deaf: options.deafA ?? false, ...local })
  const storeB = await store({ prefix, ...local })
  const a = createPurgeRouter(storeA)
  const b = createPurgeRouter(storeB, a.counts)
  return { a, b, storeA, storeB, counts: a.counts }
}

describe.skipIf(port === null)('redisCache purges', () => {
  it('a write naming params as typed purges, in Redis, the entries keyed by the parsed params (exact and partial)', async () => {
    const { a, b } = await twoInstances({ deafA: true })
    const annA = a.router.createCaller({ user: 'ann' })
    const annB = b.router.createCaller({ user: 'ann' })
    await annA.search({ q: ' a ' })
    await annA.search({ q: 'a', page: '2' })
    await annA.search({ q: 'b' })
    expect((await annB.search({ q: 'a', page: 1 })).run).toBe(1) // shared, under the parsed params
    await annB.touchSearch({ q: ' a ' })
    expect((await annA.search({ q: 'a' })).run).toBe(4)
    expect((await annA.search({ q: 'a', page: 2 })).run).toBe(2)
    await annB.touchSearchWhere({ q: ' a ' })
    expect((await annA.search({ q: 'a' })).run).toBe(5)
    expect((await annA.search({ q: 'a', page: 2 })).run).toBe(6)
    expect((await annA.search({ q: 'b' })).run).toBe(3)
  })

  it("a write for every user (scope null) purges every user's entries of a user-scoped context, exact, partial and whole", async () => {
    const { a, b } = await twoInstances({ deafA: true })
    const readers = ['ann', 'bob'].map((user) => a.router.createCaller({ user }))
    const runs = async (id: number) => Promise.all(readers.map(async (reader) => (await reader.note({ id })).run))
    expect(await runs(1)).toEqual([1, 2])
    expect(await runs(2)).toEqual([3, 4])
    // Written by someone else: neither reader is the acting user.
    const cy = b.router.createCaller({ user: 'cy' })
    await cy.touchEveryNote({ id: 1 })
    expect(await runs(1)).toEqual([5, 6])
    expect(await runs(2)).toEqual([3, 4])
    await cy.touchEveryNoteWhere({ id: 2 })
    expect(await runs(2)).toEqual([7, 8])
    expect(await runs(1)).toEqual([5, 6])
    await cy.touchAllNotes()
    expect(await runs(1)).toEqual([9, 10])
    expect(await runs(2)).toEqual([11, 12])
  })

  it('a write for every user drops the local copies of every instance (over pub/sub, or when Redis is asked), and a read in flight meanwhile stores nothing', async () => {
    for (const deafA of [false, true]) {
      const { a, b, storeA, counts } = await twoInstances({ deafA })
      const ann = a.router.createCaller({ user: 'ann' })
      const bob = a.router.createCaller({ user: 'bob' })
      await ann.note({ id: 1 })
      await bob.note({ id: 1 })
      expect(storeA.localEntries).toBe(2)
      const hold = latch()
      a.control.hold = hold.promise
      const slow = ann.note({ id: 2 })
      await waitFor(() => a.control.hold === undefined) // computed, waiting to be stored
      await b.router.createCaller({ user: 'cy' }).touchAllNotes()
      if (!deafA) await waitFor(() => storeA.localEntries === 0)
      hold.release()
      expect((await slow).run).toBe(3) // it started before the write: allowed
      expect((await ann.note({ id: 2 })).run).toBe(4)
      expect((await ann.note({ id: 1 })).run).toBe(5)
      expect((await bob.note({ id: 1 })).run).toBe(6)
      expect(counts.note).toBe(6)
    }
  })

  it('`all` (targets that could not be resolved) drops every entry of every context and scope, on every instance, and a read in flight meanwhile stores nothing', async () => {
    for (const deafA of [false, true]) {
      const { a, b, storeA, counts } = await twoInstances({ deafA })
      const ann = a.router.createCaller({ user: 'ann' })
      await ann.note({ id: 1 })
      await a.router.createCaller({ user: 'bob' }).note({ id: 1 })
      await ann.search({ q: 'a' })
      const hold = latch()
      a.control.hold = hold.promise
      const slow = ann.note({ id: 2 })
      await waitFor(() => a.control.hold === undefined)
      const reported: unknown[] = []
      const write = await b.router.createCaller({ user: 'cy' }, { onError: ({ error }) => reported.push(error) }).touchUnknown({ id: 1 })
      expect(write.invalidate).toEqual([{ kind: 'all' }])
      expect(reported).toHaveLength(1)
      if (!deafA) await waitFor(() => storeA.localEntries === 0)
      hold.release()
      await slow
      const before = { ...counts }
      expect((await ann.note({ id: 1 })).run).toBe(before.note + 1)
      expect((await a.router.createCaller({ user: 'bob' }).note({ id: 1 })).run).toBe(before.note + 2)
      expect((await ann.note({ id: 2 })).run).toBe(before.note + 3)
      expect((await ann.search({ q: 'a' })).run).toBe(before.search + 1)
      // Caching goes on after it.
      expect((await ann.search({ q: 'a' })).run).toBe(before.search + 1)
    }
  })

  it('maxLocalEntries 0: nothing is kept in process, every hit comes from Redis, and purges still reach it', async () => {
    const { a, b, storeA, storeB } = await twoInstances({ maxLocalEntries: 0 })
    const annA = a.router.createCaller({ user: 'ann' })
    const annB = b.router.createCaller({ user: 'ann' })
    expect((await annA.note({ id: 1 })).run).toBe(1)
    expect((await annA.note({ id: 1 })).run).toBe(1)
    expect((await annB.note({ id: 1 })).run).toBe(1)
    expect(storeA.localEntries + storeB.localEntries).toBe(0)
    await annB.touchEveryNote({ id: 1 })
    expect((await annA.note({ id: 1 })).run).toBe(2)
    expect((await annB.note({ id: 1 })).run).toBe(2)
    await annA.search({ q: 'a' })
    await annB.touchSearch({ q: ' a ' })
    expect((await annA.search({ q: 'a' })).run).toBe(2)
    expect(storeA.localEntries + storeB.localEntries).toBe(0)
  })
})

describe.skipIf(port === null)('redisCache scopes of a user-scoped context', () => {
  // A and B share Redis; A keeps entries briefly, B for a minute (keeping the context's scopes set alive).
  async function setUp() {
    const prefix = `scopes${++prefixes}:`
    const short = createPurgeRouter(await store({ prefix, ttlMs: 30 }))
    const long = createPurgeRouter(await store({ prefix, ttlMs: 60_000 }), short.counts)
    const redis = new Redis({ port: port!, host: '127.0.0.1' })
    clients.push(redis)
    const scopesKey = `${prefix}s:${part('note')}`
    const indexKey = (user: string) => `${prefix}i:${part('note')}${part(`user:${user}`)}`
    const read = (router: typeof short.router, users: readonly string[]) => Promise.all(users.map((user) => router.createCaller({ user }).note({ id: 1 })))
    // Polls Redis (no fixed sleep) until the short-lived users' entries, and so their indexes, are gone.
    const expired = (users: readonly string[]) => vi.waitFor(async () => expect(await redis.exists(...users.map(indexKey))).toBe(0), { timeout: 3000, interval: 10 })
    return { short, long, redis, scopesKey, read, expired }
  }

  it("a purge of every user's entries forgets the scopes whose entries are gone", async () => {
    const { short, long, redis, scopesKey, read, expired } = await setUp()
    const gone = ['u1', 'u2', 'u3']
    await read(long.router, ['keeper'])
    await read(short.router, gone)
    expect(await redis.scard(scopesKey)).toBe(4)
    await expired(gone)
    await long.router.createCaller({ user: 'cy' }).touchEveryNote({ id: 1 })
    expect(await redis.smembers(scopesKey)).toEqual(['user:keeper']) // it had entries when the purge ran
    expect((await long.router.createCaller({ user: 'keeper' }).note({ id: 1 })).run).toBe(5) // its entry went
  })

  it('commits drop the scopes whose entries are gone as the set grows, so it holds the users with entries, not every user ever seen', async () => {
    const { short, long, redis, scopesKey, read, expired } = await setUp()
    // 63 scopes: below the first pruning point, whenever the short entries expire.
    const gone = Array.from({ length: 62 }, (_, i) => `gone${i}`)
    await read(long.router, ['keeper'])
    await read(short.router, gone)
    expect(await redis.scard(scopesKey)).toBe(63)
    await expired(gone)
    // The 64th scope prunes the 62 whose entries are gone; 63 more stay below the next point (128).
    await read(long.router, Array.from({ length: 64 }, (_, i) => `new${i}`))
    expect(await redis.scard(scopesKey)).toBe(65)
    expect(await redis.sismember(scopesKey, 'user:gone0')).toBe(0)
  })
})
