import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import express from 'express'
import type { RequestHandler } from 'express'
import superjson from 'superjson'
import { afterEach, describe, expect, it } from 'vitest'
import { mizanExpress } from '@mizan/server/express'
import { createClient, csrfSession } from '../src/index.ts'
import type { AppRouter } from './fixtures/app-router.ts'
import { createApp } from './fixtures/app-router.ts'

// The session against a real Express server with the check on: a token that went stale when the
// server came back with another secret is refreshed once, and the write goes through.

let close: (() => Promise<void>) | undefined
afterEach(() => close?.())

/** A server whose Mizan handler `restart` replaces with one signing with `secret`. */
async function serveRestartable(secret: string) {
  const { router } = createApp()
  const handlerFor = (csrfSecret: string) => mizanExpress({ router, createContext: () => ({ user: null }), csrf: { secret: csrfSecret } })
  let current: RequestHandler = handlerFor(secret)
  const requests: string[] = []
  const app = express()
  app.use((req, _res, next) => {
    requests.push(`${req.method} ${req.url}`)
    next()
  })
  app.use('/mizan', (req, res, next) => current(req, res, next))
  const server: Server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mizan`,
    requests,
    restart: (newSecret: string) => {
      current = handlerFor(newSecret)
    },
  }
}

describe('the CSRF session against a real server', () => {
  it('refreshes a token the server no longer accepts (a new secret) and sends the write again, once', async () => {
    const server = await serveRestartable('the first secret, thirty-two bytes+')
    const client = createClient<AppRouter>({ session: csrfSession(), url: server.url, transformer: superjson })
    await expect(client.renameProject.mutate({ id: 1, name: 'Before' })).resolves.toEqual({ id: 1, name: 'Before' })
    server.restart('the second secret, thirty-two bytes')
    await expect(client.renameProject.mutate({ id: 1, name: 'After' })).resolves.toEqual({ id: 1, name: 'After' })
    expect(server.requests).toEqual([
      'GET /mizan/session',
      'POST /mizan/m/renameProject',
      'POST /mizan/m/renameProject', // 403 CSRF: the token is not the new secret's
      'GET /mizan/session',
      'POST /mizan/m/renameProject',
    ])
  })
})
