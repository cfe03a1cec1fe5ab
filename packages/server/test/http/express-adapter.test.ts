import { afterEach, describe, expect, it } from 'vitest'
import { chunk, rawRequest } from './raw-http.ts'
import type { Transport } from './transports.ts'
import { expressTransport, nodeTransport, testLimits } from './transports.ts'
import { waitFor } from '../fixtures/wait-for.ts'
import { dataOf, item, mutate, postRaw, readItems, readMutation, mutationData } from './wire-helpers.ts'

let t: Transport
afterEach(() => t?.close())

/** The head of a mutation request that passes the CSRF check (the session's token and cookie). */
const mutationHead = async (extra: string) => {
  const { token, cookie } = await t.session()
  return `POST /mizan/m/renameProject HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nCookie: ${cookie}\r\nMizan-Csrf: ${token}\r\n${extra}\r\n`
}

// The Node adapters (Express, node:http) read bodies from the socket the same way: one suite.
describe.each([
  ['Express', expressTransport],
  ['node:http', nodeTransport],
] as const)('%s adapter, at the socket', (_name, open) => {
  it('answers 413 to a Content-Length over the limit without reading the body, and closes', async () => {
    t = await open()
    const exchange = await rawRequest({
      port: t.port!,
      head: await mutationHead(`Content-Length: ${50 * 1024 * 1024}\r\n`),
      // Only a trickle of the announced 50 MB is ever sent: an answer proves nothing waited for it.
      nextChunk: (sent) => (sent < 1024 ? '{"json":' : undefined),
    })
    expect(exchange.response).toMatch(/^HTTP\/1\.1 413 /)
    expect(exchange.response.toLowerCase()).toContain('connection: close')
    expect(exchange.response).toContain(`larger than ${testLimits.maxBodyBytes} bytes`)
    expect(exchange.closed).toBe(true)
    expect(t.counters.calls).toBe(0)
  })

  it('answers 413 to a chunked body that keeps growing past the limit, closes, never calls the handler', async () => {
    t = await open()
    const piece = `"${'x'.repeat(4096)}",`
    const exchange = await rawRequest({
      port: t.port!,
      head: await mutationHead('Transfer-Encoding: chunked\r\n'),
      // Keeps streaming up to 4x the limit; the server must stop it long before.
      nextChunk: (sent) => (sent === 0 ? chunk('{"json":[') : sent < testLimits.maxBodyBytes * 4 ? chunk(piece) : undefined),
    })
    expect(exchange.response).toMatch(/^HTTP\/1\.1 413 /)
    expect(exchange.response.toLowerCase()).toContain('connection: close')
    expect(exchange.closed).toBe(true)
    expect(exchange.bytesSent).toBeLessThan(testLimits.maxBodyBytes * 4)
    expect(t.counters.calls).toBe(0)
  })

  it('fires the resolver signal when the client disconnects', async () => {
    t = await open()
    const controller = new AbortController()
    const pending = getBundleAbortable(t, controller.signal)
    await waitFor(() => t.counters.calls === 1)
    controller.abort()
    await expect(pending).rejects.toThrow()
    await waitFor(() => t.counters.aborted.length === 1)
    expect(t.counters.aborted).toEqual(['slow'])
  })
})

describe('Express adapter with express.json() mounted first', () => {
  it('uses the already-parsed body', async () => {
    t = await expressTransport({ jsonParserFirst: true })
    const answer = await readMutation(await mutate(t, 'renameProject', { id: 2, name: 'Parsed' }))
    expect(mutationData(answer)).toEqual({ id: 2, name: 'Parsed' })
    const [read] = await readItems(await postRaw(t, '/q', JSON.stringify([item('project', { id: 5 })])))
    expect(dataOf(read)).toEqual({ id: 5, name: 'Project 5' })
  })

  it('still refuses __proto__ and still answers 415 and 400', async () => {
    t = await expressTransport({ jsonParserFirst: true })
    const polluted = await postRaw(t, '/m/renameProject', '{"json":{"id":1,"name":"x","__proto__":{"polluted":true}}}')
    expect(polluted.status).toBe(400)
    expect(Object.prototype).not.toHaveProperty('polluted')
    expect((await postRaw(t, '/m/renameProject', 'id=1', 'application/x-www-form-urlencoded')).status).toBe(415)
    const invalid = await mutate(t, 'renameProject', { id: 1, name: '' })
    expect(invalid.status).toBe(400)
    expect(t.counters.calls).toBe(0)
  })
})

function getBundleAbortable(transport: Transport, signal: AbortSignal) {
  return transport.send(`/q?items=${encodeURIComponent(JSON.stringify([item('slow')]))}`, { signal })
}
