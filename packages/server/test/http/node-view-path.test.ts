import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { mizanNode } from '../../src/adapters/node-http.ts'
import { decodeNoticeHeader, invalidateHeader } from '../../src/protocol/index.ts'
import { closePerTest, createEventsApp, write } from '../events/events-app.ts'
import type { EventsTestContext } from '../events/events-app.ts'
import { waitFor } from '../fixtures/wait-for.ts'
import { fromWire } from '../fixtures/from-wire.ts'

const open = closePerTest()

/**
 * An app on node:http alone: Mizan at `/mizan`, and its own form routes beside it, which use the
 * listener's view-path helpers.
 */
async function serve() {
  const app = createEventsApp()
  open.own(() => app.m.close())
  const mizan = mizanNode({
    router: app.router,
    createContext: ({ req }): EventsTestContext => ({ user: typeof req.headers['x-user'] === 'string' ? req.headers['x-user'] : null }),
  })
  const server = createServer((req, res) => {
    if (req.url === '/form' && req.method === 'GET') {
      void (async () => {
        const fields = `${await mizan.csrfField({ req, res })}${await mizan.csrfField({ req, res })}`
        res.writeHead(200, { 'content-type': 'text/html' }).end(`<form method="post">${fields}</form>`)
      })()
      return
    }
    if (req.url === '/form/rename' && req.method === 'POST') {
      mizan
        .checkCsrf(req)
        .then(async () => {
          await mizan.invalidate({ req, res }, [app.board({ id: 7 })])
          res.writeHead(303, { location: '/' }).end()
        })
        .catch((error: { status?: number }) => res.writeHead(error.status ?? 500).end())
      return
    }
    mizan(req, res)
  }).listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  open.own(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  )
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, app }
}

describe('node:http adapter: events and view-path writes', () => {
  it('streams the writes made through it on GET /events', async () => {
    const { base } = await serve()
    const bob = open.listen(`${base}/mizan/events`, 'bob')
    await bob.opened
    const answer = await write(base, 'renameBoard', { id: 1, title: 'T' }, 'alice')
    expect(answer.status).toBe(200)
    await waitFor(() => bob.notices.length === 1)
    expect(bob.notices[0]).toMatchObject({ id: answer.id, directives: [{ kind: 'exact', context: 'board', params: { id: 1 } }] })
  })

  it('renders one token for a form, and accepts its post: the write is published and in the response header', async () => {
    const { base } = await serve()
    const bob = open.listen(`${base}/mizan/events`, 'bob')
    await bob.opened
    const page = await fetch(`${base}/form`)
    const cookies = page.headers.getSetCookie()
    expect(cookies).toHaveLength(1)
    const html = await page.text()
    const tokens = [...html.matchAll(/name="_csrf" value="([^"]+)"/g)].map((match) => match[1])
    expect(tokens).toHaveLength(2)
    expect(tokens[0]).toBe(tokens[1])

    const posted = await fetch(`${base}/form/rename`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies[0]!.split(';', 1)[0]! },
      body: new URLSearchParams({ _csrf: tokens[0]!, title: 'T' }),
      redirect: 'manual',
    })
    expect(posted.status).toBe(303)
    const notice = decodeNoticeHeader(posted.headers.get(invalidateHeader)!)
    expect(fromWire(notice!.invalidate)).toEqual([{ kind: 'exact', context: 'board', params: { id: 7 } }])
    await waitFor(() => bob.notices.length === 1)
    expect(bob.notices[0]!.id).toBe(notice!.id)
  })

  it('refuses a form post without its token', async () => {
    const { base } = await serve()
    const posted = await fetch(`${base}/form/rename`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ title: 'T' }),
    })
    expect(posted.status).toBe(403)
  })
})
