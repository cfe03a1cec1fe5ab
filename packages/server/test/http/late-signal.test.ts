import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterEach, describe, expect, it } from 'vitest'
import { initMizan } from '../../src/index.ts'
import { mizanExpress } from '../../src/adapters/express.ts'
import { mizanNode } from '../../src/adapters/node-http.ts'
import { waitFor } from '../fixtures/wait-for.ts'

// A resolver that reads its signal late, after the client went away, finds it aborted, on both Node
// adapters. (Making the signal only when first read was tried for speed: the accessors it takes on
// the call and the resolver's options cost a write more than the AbortController they save.)
function lateReader() {
  let release!: () => void
  const released = new Promise<void>((resolve) => (release = resolve))
  const seen: boolean[] = []
  let started = 0
  const m = initMizan.create()
  const router = m.router({
    // Reads `opts.signal` only after the wait (destructuring it in the parameters would read it at once).
    late: m.context.query(async (opts) => {
      started++
      await released
      seen.push(opts.signal!.aborted)
      return 'late'
    }),
    quick: m.context.query(() => 'quick'),
  })
  return { router, release: () => release(), seen, started: () => started }
}

const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()))
})

describe.each(['node', 'express'] as const)('the %s adapter, signal read late', (adapter) => {
  it('is aborted when the client left before the resolver read it', async () => {
    const { router, release, seen, started } = lateReader()
    const listener = adapter === 'node' ? mizanNode({ router, createContext: () => ({}), csrf: false }) : express().use('/mizan', mizanExpress({ router, createContext: () => ({}), csrf: false }))
    const server = createServer(listener).listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    let closedSockets = 0
    server.on('connection', (socket) => socket.on('close', () => closedSockets++))
    closers.push(() => new Promise((resolve) => server.close(() => resolve())))
    const { port } = server.address() as AddressInfo

    const client = new AbortController()
    const items = encodeURIComponent(JSON.stringify([['late']]))
    const pending = fetch(`http://127.0.0.1:${port}/mizan/q?items=${items}`, { signal: client.signal })
    await waitFor(() => started() === 1)
    client.abort()
    await expect(pending).rejects.toThrow()
    await waitFor(() => closedSockets === 1)
    release()
    await waitFor(() => seen.length === 1)
    expect(seen).toEqual([true])

    // A request whose resolvers never read it still answers.
    const quick = await fetch(`http://127.0.0.1:${port}/mizan/q?items=${encodeURIComponent(JSON.stringify([['quick']]))}`)
    expect(await quick.json()).toEqual([{ data: 'quick' }])
  })
})
