import { afterEach, describe, expect, it } from 'vitest'
import { rawRequest } from '../http/raw-http.ts'
import type { Transport } from '../http/transports.ts'
import { expressTransport, fetchTransport } from '../http/transports.ts'
import { mutate } from '../http/wire-helpers.ts'

// Weak spot: a body dripped at 1 byte/s held its connection until Node's 300 s `requestTimeout`.
// The body now has a deadline (`bodyTimeoutMs`): past it the answer is 408 TIMEOUT and the
// connection is closed.

const bodyTimeoutMs = 200

let t: Transport | undefined
afterEach(async () => {
  await t?.close()
  t = undefined
})

describe('Express adapter, at the socket', () => {
  it('answers 408 TIMEOUT to a body that drips, closes the connection, never calls the handler', { timeout: 8000 }, async () => {
    t = await expressTransport({ handler: { bodyTimeoutMs } })
    const body = '{"json":{"id":1,"name":"slow"}}'.padEnd(1000, ' ')
    let calls = 0
    const { token, cookie } = await t.session()
    const exchange = await rawRequest({
      port: t.port!,
      head: `POST /mizan/m/renameProject HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nCookie: ${cookie}\r\nMizan-Csrf: ${token}\r\nContent-Length: ${body.length}\r\n\r\n`,
      // One byte every tenth tick (about every 20 ms): the whole body would take ~20 s. rawRequest
      // returns when the server closes the connection (or fails the test at its 5 s bound).
      nextChunk: (sent) => (++calls % 10 === 0 && sent < body.length ? body.charAt(sent) : undefined),
    })
    expect(exchange.response).toMatch(/^HTTP\/1\.1 408 /)
    expect(exchange.response).toContain('"code":"TIMEOUT"')
    expect(exchange.response.toLowerCase()).toContain('connection: close')
    expect(exchange.closed).toBe(true)
    expect(exchange.bytesSent).toBeLessThan(body.length)
    expect(t.counters.calls).toBe(0)
  })

  it('answers a body that arrives in time as usual', async () => {
    t = await expressTransport({ handler: { bodyTimeoutMs } })
    const answer = await mutate(t, 'renameProject', { id: 1, name: 'fast' })
    expect(answer.status).toBe(200)
  })
})

describe('Fetch adapter, at the stream', () => {
  it('answers 408 TIMEOUT to a body stream that stalls, cancelling it, never calling the handler', { timeout: 8000 }, async () => {
    t = await fetchTransport({ handler: { bodyTimeoutMs } })
    let cancelled = false
    let sent = false
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) return new Promise<void>(() => {}) // the rest never comes
        sent = true
        controller.enqueue(new TextEncoder().encode('{"json":'))
      },
      cancel() {
        cancelled = true
      },
    })
    const answer = await t.send('/m/renameProject', { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    expect(answer.status).toBe(408)
    expect(await answer.json()).toMatchObject({ error: { code: 'TIMEOUT', status: 408 } })
    expect(cancelled).toBe(true)
    expect(t.counters.calls).toBe(0)
  })
})
