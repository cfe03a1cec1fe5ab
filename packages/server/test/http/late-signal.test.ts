import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterEach, describe, expect, it } from 'vitest'
import { initMizan } from '../../src/index.ts'
import { mizanExpress } from '../../src/adapters/express.ts'
import { mizanNode } from '../../src/adapters/node-http.ts'
import { waitFor } from '../fixtures/wait-for.ts'

// The Node adapters make a request's signal only when something reads it (see `nodeRequestOf`):
// a resolver that reads it late, after the client went away, finds it aborted; one that reads it
// at once (destructured), or a middleware, sees it fire when the client goes away.
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

describe.each(['node', 'express'] as const)('the %s adapter, signal read at once', (adapter) => {
  it('fires for a middleware and a resolver that destructured it, when the client leaves', async () => {
    const fired: string[] = []
    let started = 0
    const m = initMizan.create()
    const watched = m.middleware(({ signal, next }) => {
      signal?.addEventListener('abort', () => fired.push('middleware'))
      return next()
    })
    const router = m.router({
      slow: m.context.use(watched).query(({ signal }) => {
        started++
        return new Promise((resolve) => signal?.addEventListener('abort', () => (fired.push('resolver'), resolve('gone'))))
      }),
    })
    const listener = adapter === 'node' ? mizanNode({ router, createContext: () => ({}), csrf: false }) : express().use('/mizan', mizanExpress({ router, createContext: () => ({}), csrf: false }))
    const server = createServer(listener).listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    closers.push(() => new Promise((resolve) => server.close(() => resolve())))
    const { port } = server.address() as AddressInfo
    const client = new AbortController()
    const pending = fetch(`http://127.0.0.1:${port}/mizan/q?items=${encodeURIComponent(JSON.stringify([['slow']]))}`, { signal: client.signal })
    await waitFor(() => started === 1)
    expect(fired).toEqual([])
    client.abort()
    await expect(pending).rejects.toThrow()
    await waitFor(() => fired.length === 2)
    expect(fired.sort()).toEqual(['middleware', 'resolver'])
  })
})
