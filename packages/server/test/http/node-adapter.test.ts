import superjson from 'superjson'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { rawRequest } from './raw-http.ts'
import type { Transport } from './transports.ts'
import { nodeTransport } from './transports.ts'
import { dataOf, errorOf, getBundle, item, mutate, mutationData, postBundle, readItems, readMutation } from './wire-helpers.ts'

let t: Transport
afterEach(async () => {
  vi.restoreAllMocks()
  await t?.close()
})

/** The head of a mutation request that passes the CSRF check (the session's token and cookie). */
const mutationHead = async (extra: string) => {
  const { token, cookie } = await t.session()
  return `POST /mizan/m/renameProject HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nCookie: ${cookie}\r\nMizan-Csrf: ${token}\r\n${extra}\r\n`
}

describe('node:http adapter, over loopback', () => {
  it('answers reads and bundles, GET and POST', async () => {
    t = await nodeTransport()
    const [one] = await readItems(await getBundle(t, [item('project', { id: 3 })]))
    expect(dataOf(one)).toEqual({ id: 3, name: 'Project 3' })
    const answers = await readItems(await postBundle(t, [item('projects'), item('project', { id: 404 }), item('project', { id: 1 })]))
    expect(dataOf(answers[0])).toEqual([{ id: 1 }, { id: 2 }])
    expect(errorOf(answers[1])).toMatchObject({ code: 'NOT_FOUND' })
    expect(dataOf(answers[2])).toEqual({ id: 1, name: 'Project 1' })
  })

  it('runs a mutation with the CSRF session, and refuses one without its token', async () => {
    t = await nodeTransport()
    const response = await mutate(t, 'renameProject', { id: 2, name: 'Renamed' })
    expect(response.status).toBe(200)
    expect(mutationData(await readMutation(response))).toEqual({ id: 2, name: 'Renamed' })
    const refused = await t.raw('/m/renameProject', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"json":{"id":2,"name":"x"}}' })
    expect(refused.status).toBe(403)
    expect(await refused.json()).toMatchObject({ error: { code: 'CSRF' } })
    expect(t.counters.calls).toBe(1)
  })

  it('gives createContext the request', async () => {
    t = await nodeTransport()
    const [answer] = await readItems(await t.send(`/q?items=${encodeURIComponent(JSON.stringify([item('whoami')]))}`, { headers: { 'x-user': 'ada' } }))
    expect(dataOf(answer)).toBe('ada')
  })

  it.each(['/q', '/mizanx/q', '/', '/other/mizan/q'])('answers a Mizan 404 outside the endpoint: %s', async (path) => {
    t = await nodeTransport()
    const response = await fetch(`http://127.0.0.1:${t.port}${path}?items=${encodeURIComponent('[["projects"]]')}`)
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ error: { code: 'NOT_FOUND', status: 404 } })
    expect(t.counters.calls).toBe(0)
  })
})

// 413 and the resolver signal at the socket: express-adapter.test.ts runs them for both adapters.
describe('node:http adapter, at the socket', () => {
  it('answers 408 TIMEOUT to a body that drips, and closes', { timeout: 8000 }, async () => {
    t = await nodeTransport({ handler: { bodyTimeoutMs: 200 } })
    const body = '{"json":{"id":1,"name":"slow"}}'.padEnd(1000, ' ')
    let ticks = 0
    const exchange = await rawRequest({
      port: t.port!,
      head: await mutationHead(`Content-Length: ${body.length}\r\n`),
      nextChunk: (sent) => (++ticks % 10 === 0 && sent < body.length ? body.charAt(sent) : undefined),
    })
    expect(exchange.response).toMatch(/^HTTP\/1\.1 408 /)
    expect(exchange.response).toContain('"code":"TIMEOUT"')
    expect(exchange.closed).toBe(true)
    expect(t.counters.calls).toBe(0)
  })

  it('starts the body deadline only for a body still arriving, not for one that has all come', async () => {
    const bodyTimeoutMs = 12_345
    t = await nodeTransport({ handler: { bodyTimeoutMs } })
    const timers = vi.spyOn(globalThis, 'setTimeout')
    const deadlines = () => timers.mock.calls.filter(([, ms]) => ms === bodyTimeoutMs).length
    const body = JSON.stringify(superjson.serialize({ id: 1, name: 'whole' }))
    const head = await mutationHead(`Content-Length: ${body.length}\r\nConnection: close\r\n`)

    // Head and body in one write: the body is complete before the handler reads it.
    const whole = await rawRequest({ port: t.port!, head: head + body, nextChunk: () => undefined })
    expect(whole.response).toMatch(/^HTTP\/1\.1 200 /)
    expect(deadlines()).toBe(0)

    // Half the body, the rest only once the read has started its deadline.
    let rest: string | undefined = body.slice(10)
    const split = await rawRequest({
      port: t.port!,
      head: head + body.slice(0, 10),
      nextChunk: () => {
        if (deadlines() === 0) return undefined
        const chunk = rest
        rest = undefined
        return chunk
      },
    })
    expect(split.response).toMatch(/^HTTP\/1\.1 200 /)
    expect(deadlines()).toBe(1)
    expect(t.counters.calls).toBe(2)
  })
})
