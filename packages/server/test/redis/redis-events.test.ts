import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import type { RedisOptions } from 'ioredis'
import { afterEach, describe, expect, inject, it, vi } from 'vitest'
import { redisEvents } from '../../src/redis/index.ts'
import type { RedisEvents, RedisEventsOptions } from '../../src/redis/index.ts'
import { waitFor } from '../fixtures/wait-for.ts'
import { freePort, startRedisServer } from './redis-server.ts'
import type { RedisServer } from './redis-server.ts'

const sharedPort = inject('redisPort')
const buses: RedisEvents[] = []
const clients: Redis[] = []
const servers: RedisServer[] = []
let channels = 0

afterEach(async () => {
  await Promise.all(buses.splice(0).map((bus) => bus.close()))
  clients.splice(0).forEach((client) => client.disconnect())
  await Promise.all(servers.splice(0).map((server) => server.stop()))
  vi.restoreAllMocks()
})

/** A bus as one server instance would have it, from a template that never connects; connected when returned. */
async function bus(channel: string, options: Partial<Omit<RedisEventsOptions, 'redis' | 'channel'>> & { port?: number } = {}): Promise<RedisEvents> {
  const { port = sharedPort!, ...rest } = options
  const events = redisEvents({ redis: new Redis({ port, host: '127.0.0.1', lazyConnect: true }), channel, ...rest })
  buses.push(events)
  await waitFor(() => events.connected)
  return events
}

/** What one listener heard. */
function listen(events: RedisEvents) {
  const heard = { events: [] as string[], gaps: 0 }
  const unsubscribe = events.subscribe({ event: (text) => heard.events.push(text), gap: () => heard.gaps++ })
  return { heard, unsubscribe }
}

/** A plain client publishing on the channel, as anyone with access to Redis can. */
function rawClient(port = sharedPort!): Redis {
  const client = new Redis({ port, host: '127.0.0.1' })
  clients.push(client)
  return client
}

const newChannel = () => `events-test-${++channels}`

describe.skipIf(sharedPort === null)('redisEvents', () => {
  it('two buses deliver each other\'s events exactly once, and their own once, at once, without Redis', async () => {
    const channel = newChannel()
    const a = await bus(channel)
    const b = await bus(channel)
    const elsewhere = await bus(newChannel())
    const onA = listen(a).heard
    const onB = listen(b).heard
    const onElsewhere = listen(elsewhere).heard

    const published = a.publish('a1')
    expect(onA.events).toEqual(['a1']) // before any round trip
    await published
    await b.publish('b1')
    await waitFor(() => onA.events.length === 2 && onB.events.length === 2)
    // Redis keeps one channel's order: when B's event reached A, A's echo of a1 had come back too.
    await a.publish('a2')
    await waitFor(() => onB.events.length === 3)
    expect(onA.events).toEqual(['a1', 'b1', 'a2'])
    expect(onB.events).toEqual(['b1', 'a1', 'a2'])
    expect(onElsewhere.events).toEqual([]) // another channel: another app
    expect(onA.gaps + onB.gaps).toBe(0)
  })

  it('delivers to each subscription until it unsubscribes, the same listener twice included', async () => {
    const channel = newChannel()
    const a = await bus(channel)
    const b = await bus(channel)
    const heard: string[] = []
    const listener = { event: (text: string) => heard.push(text), gap: () => {} }
    const first = b.subscribe(listener)
    b.subscribe(listener)
    await a.publish('twice')
    await waitFor(() => heard.length === 2)
    first()
    await a.publish('once')
    const sentinel = listen(b).heard
    await a.publish('sentinel')
    await waitFor(() => sentinel.events.length === 2)
    expect(heard).toEqual(['twice', 'twice', 'once', 'sentinel'])
  })

  it('ignores malformed frames: anyone with access to Redis may publish on the channel', async () => {
    const channel = newChannel()
    const a = await bus(channel)
    const b = await bus(channel)
    const onB = listen(b).heard
    const raw = rawClient()
    const foreign = randomUUID()
    for (const message of ['', 'garbage', 'e1:', `e1:${foreign}`, 'e1:not-a-uuid:{}', `e2:${foreign}:{}`, `e1:${foreign.toUpperCase()}:{}`, `x e1:${foreign}:{}`]) {
      await raw.publish(channel, message)
    }
    await raw.publish(channel, `e1:${foreign}:{"from":"elsewhere"}`) // well formed: an instance this one does not know
    await a.publish('sentinel')
    await waitFor(() => onB.events.includes('sentinel'))
    expect(onB.events).toEqual(['{"from":"elsewhere"}', 'sentinel'])
  })

  it('a listener that throws is reported and neither stops the others nor fails the publish', async () => {
    const channel = newChannel()
    const onError = vi.fn()
    const a = await bus(channel, { onError })
    const b = await bus(channel)
    a.subscribe({
      event: () => {
        throw new Error('boom')
      },
      gap: () => {},
    })
    const onA = listen(a).heard
    const onB = listen(b).heard
    await expect(a.publish('x')).resolves.toBeUndefined()
    expect(onA.events).toEqual(['x'])
    expect(onError).toHaveBeenCalledTimes(1)
    expect((onError.mock.calls[0]![0] as Error).cause).toEqual(new Error('boom'))
    await waitFor(() => onB.events.length === 1)
  })

  it('redis-server stopped mid-test: publish neither throws nor waits, and after the restart fan-out resumes and each listener is told of one gap', async () => {
    const server = await startRedisServer()
    servers.push(server)
    const channel = newChannel()
    const errorsA = vi.fn()
    const a = await bus(channel, { port: server.port, onError: errorsA })
    const b = await bus(channel, { port: server.port, onError: () => {} })
    const onA = listen(a).heard
    const onB = listen(b).heard
    await a.publish('before')
    await waitFor(() => onB.events.length === 1)

    await server.stop()
    await waitFor(() => !a.connected && !b.connected)
    const started = Date.now()
    for (let i = 0; i < 5; i++) await a.publish(`during ${i}`)
    expect(Date.now() - started).toBeLessThan(150) // known down: no publish waits for the 200 ms timeout
    expect(onA.events).toHaveLength(6) // its own streams still hear it
    expect(errorsA).toHaveBeenCalledTimes(1) // once per outage, however often it retries
    expect(String(errorsA.mock.calls[0]![0])).toMatch(/Redis is unreachable/)

    servers.push(await startRedisServer(server.port))
    await waitFor(() => a.connected && b.connected, 5000)
    await waitFor(() => onA.gaps === 1 && onB.gaps === 1)
    await a.publish('after')
    await waitFor(() => onB.events.length === 2)
    expect(onB.events).toEqual(['before', 'after']) // what was published meanwhile is lost: hence the gap
    await b.publish('back')
    await waitFor(() => onA.events.length === 8)
    expect(onA.gaps + onB.gaps).toBe(2)
  })

  it('redis-server paused (answers nothing): one publish waits the timeout at most, the next none, and resuming tells of the gap', async () => {
    const server = await startRedisServer()
    servers.push(server)
    const channel = newChannel()
    const errors = vi.fn()
    const a = await bus(channel, { port: server.port, onError: errors, timeoutMs: 200 })
    const b = await bus(channel, { port: server.port })
    const onA = listen(a).heard
    const onB = listen(b).heard

    server.pause()
    let started = Date.now()
    await expect(a.publish('first')).resolves.toBeUndefined()
    expect(Date.now() - started).toBeLessThan(1000)
    expect(a.connected).toBe(false)
    started = Date.now()
    await a.publish('second')
    expect(Date.now() - started).toBeLessThan(150) // less than one 200 ms timeout
    expect(onA.events).toEqual(['first', 'second'])
    expect(errors).toHaveBeenCalledTimes(1)
    expect(String(errors.mock.calls[0]![0])).toMatch(/Redis is unreachable \(Command timed out\)/)

    server.resume()
    await waitFor(() => a.connected && onA.gaps === 1)
    await a.publish('third')
    await waitFor(() => onB.events.includes('third'))
  })

  it('a subscription that stops answering without closing is found by the heartbeat, reopened, and its listeners told of the gap', async () => {
    const server = await startRedisServer()
    servers.push(server)
    const channel = newChannel()
    const a = await bus(channel, { port: server.port })
    const b = await bus(channel, { port: server.port, heartbeatMs: 50 })
    const onB = listen(b).heard

    server.pause() // nobody publishes: only the heartbeat can notice
    await waitFor(() => !b.connected)
    expect(onB.gaps).toBe(0) // not before events can cross again
    server.resume()
    await waitFor(() => b.connected && onB.gaps === 1, 5000)
    await a.publish('after')
    await waitFor(() => onB.events.includes('after'))
  })

  it('close ends the connections it opened and not the app\'s own client, which stays usable', async () => {
    const app = rawClient()
    expect(await app.ping()).toBe('PONG')
    const events = redisEvents({ redis: app, channel: newChannel() })
    await waitFor(() => events.connected)
    const heard = listen(events).heard
    await events.close()
    expect(events.connected).toBe(false)
    await events.publish('after close')
    expect(heard.events).toEqual([])
    expect(app.status).toBe('ready')
    expect(await app.ping()).toBe('PONG')
  })

  it('without Redis from the start: warns once however often it retries, and publishes to this instance alone at once', async () => {
    const errors = vi.fn()
    const template = new Redis({ port: await freePort(), host: '127.0.0.1', lazyConnect: true }) // nothing listens there
    // Counts the refused connection attempts of the bus's own connections.
    let refused = 0
    const duplicate = template.duplicate.bind(template)
    template.duplicate = ((override?: Partial<RedisOptions>) => duplicate(override).on('error', () => refused++)) as typeof template.duplicate
    const events = redisEvents({ redis: template, channel: newChannel(), onError: errors })
    buses.push(events)
    const heard = listen(events).heard
    await waitFor(() => refused >= 6) // several reconnect attempts of both connections
    const started = Date.now()
    for (let i = 0; i < 3; i++) await events.publish(String(i))
    expect(Date.now() - started).toBeLessThan(150) // less than one 200 ms timeout
    expect(heard.events).toEqual(['0', '1', '2'])
    expect(errors).toHaveBeenCalledTimes(1)
    expect(events.connected).toBe(false)
  })

  it('refuses bad options', () => {
    const redis = new Redis({ lazyConnect: true })
    expect(() => redisEvents({ redis, channel: '' })).toThrow(/channel/)
    expect(() => redisEvents({ redis, timeoutMs: 0 })).toThrow(/timeoutMs/)
    expect(() => redisEvents({ redis, heartbeatMs: Number.NaN })).toThrow(/heartbeatMs/)
  })
})
