import { Redis } from 'ioredis'
import { describe, expect, inject, it, onTestFinished } from 'vitest'
import { redisEvents } from '../../src/redis/index.ts'
import { waitFor } from '../fixtures/wait-for.ts'
import { newResources } from './new-resources.ts'
import { startRedisServer } from './redis-server.ts'

// A file of its own: the process holds nothing else of these tests, so any handle left is ours.
describe.skipIf(inject('redisPort') === null)('redisEvents close()', () => {
  it('leaves no open handle: connections, heartbeat and probe timers end, even during an outage', async () => {
    const server = await startRedisServer()
    onTestFinished(() => server.stop()) // stopped even when an expectation fails
    const opened = await newResources()
    const events = redisEvents({ redis: new Redis({ port: server.port, host: '127.0.0.1', lazyConnect: true }), channel: 'close', onError: () => {} })
    await waitFor(() => events.connected)
    events.subscribe({ event: () => {}, gap: () => {} })
    await events.publish('x')
    expect(opened()).toEqual(expect.arrayContaining(['TCPSocketWrap', 'TCPSocketWrap', 'Timeout'])) // the check can fail: two sockets and the heartbeat
    server.pause() // close during an outage: sockets to a server that answers nothing, and a probe timer
    await events.publish('y')
    expect(events.connected).toBe(false)
    await events.close()
    expect(opened()).toEqual([])
  })
})
