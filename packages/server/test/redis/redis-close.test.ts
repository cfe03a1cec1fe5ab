import { Redis } from 'ioredis'
import { describe, expect, inject, it, onTestFinished } from 'vitest'
import { redisCache } from '../../src/redis/index.ts'
import { createCacheRouter } from '../fixtures/cache-router.ts'
import { waitFor } from '../fixtures/wait-for.ts'
import { newResources } from './new-resources.ts'
import { startRedisServer } from './redis-server.ts'

// A file of its own: the process holds nothing else of these tests, so any handle left is ours.
describe.skipIf(inject('redisPort') === null)('redisCache close()', () => {
  it('leaves no open handle: connections and timers end, even during an outage', async () => {
    const server = await startRedisServer()
    onTestFinished(() => server.stop()) // stopped even when an expectation fails
    const opened = await newResources()
    const cache = redisCache({ redis: new Redis({ port: server.port, host: '127.0.0.1', lazyConnect: true }), prefix: 'close:' })
    await waitFor(() => cache.connected)
    const { router } = createCacheRouter({}, { store: cache })
    const caller = router.createCaller({ user: 'ann' })
    await caller.note({ id: 1 })
    await caller.editNote({ id: 1, text: 'x' })
    expect(opened()).toContain('TCPSocketWrap') // the check can fail: the store holds sockets now
    server.pause() // close during an outage: sockets to a server that answers nothing, and a probe timer
    await caller.note({ id: 1 })
    expect(cache.connected).toBe(false)
    await cache.close()
    expect(opened()).toEqual([])
  })
})
