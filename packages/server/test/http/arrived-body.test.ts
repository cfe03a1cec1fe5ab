import { once } from 'node:events'
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { arrivedBody } from '../../src/adapters/arrived-body.ts'
import { readNodeBody } from '../../src/adapters/node-body.ts'
import { waitFor } from '../fixtures/wait-for.ts'
import { chunk, rawRequest } from './raw-http.ts'

interface Seen {
  /** What `arrivedBody` gave one microtask after the request event (as `readNodeBody` asks). */
  arrived?: string | undefined
  /** The body a stream read got afterwards, when `arrivedBody` gave nothing. */
  streamed?: string
  ended: boolean
  closed: boolean
}

let server: Server | undefined
afterEach(async () => {
  server?.closeAllConnections()
  if (server?.listening) await new Promise((resolve) => server!.close(resolve))
})

/** A server that tries `arrivedBody` on each request, then reads what it did not take as a stream. */
async function serve(before?: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ port: number; seen: Seen[] }> {
  const seen: Seen[] = []
  server = createServer((req, res) => {
    const entry: Seen = { ended: false, closed: false }
    seen.push(entry)
    req.once('end', () => (entry.ended = true))
    req.once('close', () => (entry.closed = true))
    before?.(req, res)
    queueMicrotask(() => {
      const bytes = arrivedBody(req)
      entry.arrived = bytes && Buffer.from(bytes).toString('utf8')
      // A stream someone else reads is theirs to read and answer.
      if (before) return
      if (bytes) return void res.end('ok')
      readNodeBody(req, 1_000, 5_000).then(
        (text) => {
          entry.streamed = text
          res.end('ok')
        },
        () => res.end('failed'),
      )
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return { port: (server.address() as AddressInfo).port, seen }
}

const head = (headers: string) => `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\n${headers}\r\n`

describe('arrivedBody: a body that has all come, taken from the buffer', () => {
  it('takes a Content-Length body that came with its head, and the request still ends and closes', async () => {
    const { port, seen } = await serve()
    const body = '{"json":{"id":1,"name":"whole"}}'
    const exchange = await rawRequest({ port, head: head(`Content-Length: ${body.length}\r\n`) + body, nextChunk: () => undefined, maxMs: 3000 })
    expect(exchange.response).toMatch(/^HTTP\/1\.1 200 /)
    expect(seen[0]!.arrived).toBe(body)
    // Taken from the buffer, the stream is still read to its end: Node sees the request done.
    await waitFor(() => seen[0]!.ended && seen[0]!.closed)
  })

  it('takes an empty body as no bytes, and leaves a chunked one to the stream read', async () => {
    const { port, seen } = await serve()
    const chunked = head('Transfer-Encoding: chunked\r\n') + chunk('{"a":') + chunk('1}') + '0\r\n\r\n'
    await rawRequest({ port, head: chunked, nextChunk: () => undefined, maxMs: 3000 })
    await rawRequest({ port, head: head('Content-Length: 0\r\n'), nextChunk: () => undefined, maxMs: 3000 })
    expect(seen.map(({ arrived, streamed }) => ({ arrived, streamed }))).toEqual([
      { arrived: undefined, streamed: '{"a":1}' },
      { arrived: '', streamed: undefined },
    ])
    await waitFor(() => seen.every((entry) => entry.ended && entry.closed))
  })

  it('leaves a body still arriving to the stream read, which gets all of it', async () => {
    const { port, seen } = await serve()
    const body = '{"json":{"id":1,"name":"split"}}'
    let rest: string | undefined = body.slice(10)
    const exchange = await rawRequest({
      port,
      head: head(`Content-Length: ${body.length}\r\n`) + body.slice(0, 10),
      // The rest once the server has looked (and found only part).
      nextChunk: () => {
        if (seen[0]?.arrived !== undefined || !('arrived' in (seen[0] ?? {}))) return undefined
        const next = rest
        rest = undefined
        return next
      },
      maxMs: 3000,
    })
    expect(exchange.response).toMatch(/^HTTP\/1\.1 200 /)
    expect(seen[0]!.arrived).toBeUndefined()
    expect(seen[0]!.streamed).toBe(body)
  })

  it('takes nothing from a stream that someone else has paused to read later', async () => {
    const chunks: Buffer[] = []
    const { port, seen } = await serve((req, res) => {
      req.pause()
      setImmediate(() => req.on('data', (data: Buffer) => chunks.push(data)).on('end', () => res.end('ok')).resume())
    })
    const body = '{"read":"elsewhere"}'
    await rawRequest({ port, head: head(`Content-Length: ${body.length}\r\n`) + body, nextChunk: () => undefined, maxMs: 3000 })
    expect(seen[0]!.arrived).toBeUndefined()
    await waitFor(() => Buffer.concat(chunks).toString() === body)
  })
})
