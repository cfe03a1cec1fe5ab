import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { join } from 'node:path'
import { build } from 'esbuild'
import express from 'express'
import superjson from 'superjson'
import * as z from 'zod'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { initMizan, memoryEvents } from '@mizan/server'
import { mizanExpress } from '@mizan/server/express'
import { createClient, csrfSession } from '../../src/index.ts'
import { chromiumAvailable, launchChromium } from './chromium.ts'

// Tabs of one browser share one event stream: Web Locks elect the tab that holds it, and a
// BroadcastChannel carries its writes to the others. Two pages of one origin in Chromium, against
// Mizan's server, which counts the streams it is asked for.
const m = initMizan.context<object>().create({ transformer: superjson, events: memoryEvents() })
const projects = m.context.scope('public').query(() => [{ id: 1 }])
const renameProject = m.mutation
  .input(z.object({ id: z.number(), name: z.string() }))
  .run(({ input }) => input)
  .invalidates([projects])
const router = m.router({ projects, renameProject })
type Router = typeof router

// The page: a client with live events, its flushes and state on `window` for the test to read.
const pageScript = `
import superjson from 'superjson'
import { createClient, csrfSession, liveEvents } from '@mizan/client'
const client = createClient({ url: '/mizan', transformer: superjson, events: liveEvents(), session: csrfSession() })
window.flushes = []
client.$scheduler.subscribe((directives) => window.flushes.push(directives.map((d) => d.kind + ' ' + d.source)))
window.eventsStatus = () => client.$events.status
window.write = (name) => client.renameProject.mutate({ id: 1, name })
`

const root = join(import.meta.dirname, '..', '..', '..', '..')
let server: Server
let origin: string
let streamsOpened = 0

beforeAll(async () => {
  const bundle = await build({
    stdin: { contents: pageScript, resolveDir: join(root, 'packages', 'client'), loader: 'ts' },
    bundle: true,
    conditions: ['@mizan/source'],
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  })
  const app = express()
  app.get('/', (_req, res) => void res.type('html').send('<!doctype html><script type="module" src="/app.js"></script>'))
  app.get('/app.js', (_req, res) => void res.type('js').send(bundle.outputFiles[0]!.text))
  app.use('/mizan/events', (_req, _res, next) => {
    streamsOpened++
    next()
  })
  app.use('/mizan', mizanExpress({ router, createContext: () => ({}) }))
  server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await m.close()
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

declare const window: { flushes: string[][]; eventsStatus?(): string; write(name: string): Promise<unknown> }

describe.runIf(chromiumAvailable())('tabs in Chromium', () => {
  it('hold one stream per browser, relay its writes, and hand it over when the holding tab closes', async () => {
    const browser = await launchChromium()
    try {
      const first = await browser.context.newPage()
      await first.goto(origin)
      await first.waitForFunction(() => window.eventsStatus?.() === 'open')
      const second = await browser.context.newPage()
      await second.goto(origin)
      await second.waitForFunction(() => window.eventsStatus?.() === 'following')
      expect(streamsOpened).toBe(1)

      // The follower writes: the holder hears it on the stream, the follower ignores the relayed
      // echo (its answer applied it). Another client's write after it reaches the follower as "tab".
      await second.evaluate(() => window.write('from the second tab'))
      // One flush each before the next write, which would otherwise merge with it.
      await first.waitForFunction(() => window.flushes?.length === 1)
      await second.waitForFunction(() => window.flushes?.length === 1)
      await createClient<Router>({ session: csrfSession(), url: `${origin}/mizan`, transformer: superjson }).renameProject.mutate({ id: 1, name: 'from elsewhere' })
      await first.waitForFunction(() => window.flushes?.length === 2)
      await second.waitForFunction(() => window.flushes?.length === 2)
      expect(await first.evaluate(() => window.flushes)).toEqual([['whole stream'], ['whole stream']])
      expect(await second.evaluate(() => window.flushes)).toEqual([['whole response'], ['whole tab']])

      await first.close()
      await second.waitForFunction(() => window.eventsStatus?.() === 'open')
      await second.waitForFunction(() => window.flushes?.length === 3)
      expect(await second.evaluate(() => window.flushes.at(-1))).toEqual(['all stream'])
      expect(streamsOpened).toBe(2)
    } finally {
      await browser.close()
    }
  }, 30_000)
})
