import { describe, expect, it } from 'vitest'
import { rawRequest } from '../http/raw-http.ts'
import { expressTransport, fetchTransport } from '../http/transports.ts'
import { item } from '../http/wire-helpers.ts'

// Weak spot: the Fetch adapter answered requests outside its endpoint (`/q` and `/mizanx/q` for
// an endpoint of `/mizan`, and `/mizan/../q`, which URL parsing resolves to `/q`). It now routes
// only paths below its endpoint, as Express's mount does; anything else is a Mizan 404.

const items = `?items=${encodeURIComponent(JSON.stringify([item('projects')]))}`

describe('Fetch adapter mounted at /mizan', () => {
  // `send` puts `http://mizan.test/mizan` before each of these.
  it.each([
    ['the root (/q)', `/../q${items}`],
    ['an encoded dot segment (/q)', `/%2e%2e/q${items}`],
    ['a sibling that only starts with the base (/mizanx/q)', `x/q${items}`],
    ['another prefix (/api/mizan/q)', `/../api/mizan/q${items}`],
  ])('answers a request at %s with a Mizan 404, never calling a resolver', async (_where, path) => {
    const t = await fetchTransport()
    const answer = await t.send(path)
    expect(answer.status).toBe(404)
    expect(await answer.json()).toMatchObject({ error: { code: 'NOT_FOUND', status: 404 } })
    expect(t.counters.calls).toBe(0)
  })

  it('still serves what is below the base', async () => {
    const t = await fetchTransport()
    expect((await t.send(`/q${items}`)).status).toBe(200)
    expect((await t.send(`/m/../q${items}`)).status).toBe(200) // resolved to /mizan/q by the URL parser, as any fetch client does
    expect((await t.send('/')).status).toBe(404)
    expect(t.counters.calls).toBe(2)
  })
})

describe('Express adapter mounted at /mizan, for comparison', () => {
  it('routes a raw dot segment below its mount as the mutation route it names, never as the read route', async () => {
    const t = await expressTransport()
    try {
      const exchange = await rawRequest({
        port: t.port!,
        head: `GET /mizan/m/../q${items} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
        nextChunk: () => undefined,
      })
      // `/m/../q` is below `/m/`: a GET there is the wrong method for a mutation.
      expect(exchange.response).toMatch(/^HTTP\/1\.1 405 /)
      expect(exchange.response).toContain('"code":"METHOD_NOT_SUPPORTED"')
      expect(t.counters.calls).toBe(0)
    } finally {
      await t.close()
    }
  })
})
