import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import type { RequestHandler } from 'express'
import type { MockInstance } from 'vitest'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mizanExpress } from '../../src/adapters/express.ts'
import { createHttpRouter } from './fixtures.ts'
import type { Transport } from './transports.ts'
import { withSession } from './transports.ts'
import { dataOf, getBundle, item, mutate, mutationData, postBundle, readItems, readMutation } from './wire-helpers.ts'

// Regression: with express.json() mounted first, its 100 KB limit, strict mode and empty-body
// handling failed requests before Mizan ran, and nothing told the user why.

let warn: MockInstance<typeof console.warn>
let t: Transport | undefined
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
})
afterEach(async () => {
  warn.mockRestore()
  await t?.close()
  t = undefined
})

/** A real Express 5 app on a loopback port 0, with `before` mounted ahead of Mizan at /mizan. */
async function serve(before: readonly RequestHandler[]): Promise<Transport> {
  const app = express()
  for (const handler of before) app.use(handler)
  app.use('/mizan', mizanExpress({ router: createHttpRouter(), createContext: () => ({ user: null }) }))
  const server: Server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    ...withSession((path, init) => fetch(`http://127.0.0.1:${port}/mizan${path}`, init)),
    counters: { calls: 0, contexts: 0, aborted: [] },
    errors: [],
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

describe('the Express adapter behind another body parser', () => {
  it('still serves mutations, and warns once what the earlier parser does and how to fix it', async () => {
    t = await serve([express.json()])
    const first = await mutate(t, 'renameProject', { id: 1, name: 'One' })
    expect(mutationData(await readMutation(first))).toEqual({ id: 1, name: 'One' })
    const second = await mutate(t, 'renameProject', { id: 2, name: 'Two' })
    expect(mutationData(await readMutation(second))).toEqual({ id: 2, name: 'Two' })
    const [read] = await readItems(await postBundle(t, [item('project', { id: 3 })]))
    expect(dataOf(read)).toEqual({ id: 3, name: 'Project 3' })

    expect(warn).toHaveBeenCalledTimes(1)
    const message = String(warn.mock.calls[0]?.[0])
    expect(message).toContain('express.json()')
    expect(message).toContain('"/mizan"')
    expect(message).toContain('size limit')
    expect(message).toContain('strict mode')
    expect(message).toContain('Mount Mizan before any body parser')
  })

  it('does not warn for GET bundles behind that parser', async () => {
    t = await serve([express.json()])
    const [read] = await readItems(await getBundle(t, [item('project', { id: 4 })]))
    expect(dataOf(read)).toEqual({ id: 4, name: 'Project 4' })
    expect(warn).not.toHaveBeenCalled()
  })

  it('does not warn without an earlier parser', async () => {
    t = await serve([])
    expect((await mutate(t, 'renameProject', { id: 5, name: 'Five' })).status).toBe(200)
    expect((await postBundle(t, [item('projects')])).status).toBe(200)
    expect((await getBundle(t, [item('projects')])).status).toBe(200)
    expect(warn).not.toHaveBeenCalled()
  })

  it('does not warn for a body set but never read, as body-parser 1 leaves on every request', async () => {
    const emptyBody: RequestHandler = (req, _res, next) => {
      req.body = {}
      next()
    }
    t = await serve([emptyBody])
    expect((await getBundle(t, [item('projects')])).status).toBe(200)
    await mutate(t, 'renameProject', { id: 6, name: 'Six' })
    expect(warn).not.toHaveBeenCalled()
  })
})
