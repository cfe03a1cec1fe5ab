import express from 'express'
import { describe, expect, it } from 'vitest'
import { decodeNoticeHeader, invalidateHeader, mutationIdHeader } from '../../src/protocol/index.ts'
import { waitFor } from '../fixtures/wait-for.ts'
import { closePerTest, createEventsApp, read } from './events-app.ts'
import { fetchEventsApp } from './fetch-events-app.ts'
import { fromWire } from '../fixtures/from-wire.ts'

const open = closePerTest()

function noticeOf(header: string | null) {
  const notice = decodeNoticeHeader(header ?? '')
  if (!notice) throw new Error(`No notice in ${header}`)
  return { id: notice.id, directives: fromWire(notice.invalidate) }
}

describe('view-path writes publish their event', () => {
  it('Express: a form post answering a redirect purges, publishes, and still sets the header', async () => {
    const app = createEventsApp()
    open.own(() => app.m.close())
    const { board, note } = app
    const served = await open.serve(app.router, (server, mizan) => {
      server.post('/form/edit', express.urlencoded({ extended: false }), async (req, res) => {
        app.db.notes.set(`${req.get('x-user')}:1`, String(req.body.text))
        await mizan.invalidate(req, [note({ id: 1 })])
        await mizan.invalidate(req, [board({ id: 2 })])
        res.redirect(303, '/')
      })
    })
    expect(await read(served.base, 'note', { id: 1 }, 'alice')).toBe("alice's note 1")
    const aliceTab = open.listen(`${served.base}/mizan/events`, 'alice')
    const bob = open.listen(`${served.base}/mizan/events`, 'bob')
    await Promise.all([aliceTab.opened, bob.opened])

    const response = await fetch(`${served.base}/form/edit`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-user': 'alice' },
      body: new URLSearchParams({ text: 'from a form' }),
      redirect: 'manual',
    })
    expect(response.status).toBe(303)
    const notice = noticeOf(response.headers.get(invalidateHeader))
    expect(notice.directives).toEqual([
      { kind: 'exact', context: 'note', params: { id: 1 } },
      { kind: 'exact', context: 'board', params: { id: 2 } },
    ])
    // One event per call: the first with the header's id, the next with its own.
    await waitFor(() => aliceTab.notices.length === 2 && bob.notices.length === 1)
    expect(aliceTab.notices[0]).toMatchObject({ id: notice.id, directives: [{ kind: 'exact', context: 'note', params: { id: 1 } }] })
    expect(aliceTab.notices[1]!.id).not.toBe(notice.id)
    expect(bob.notices[0]).toMatchObject({ id: aliceTab.notices[1]!.id, directives: [{ kind: 'exact', context: 'board', params: { id: 2 } }] })
    expect(await read(served.base, 'note', { id: 1 }, 'alice')).toBe('from a form')
  })

  it('Express: takes the id a client chose in Mizan-Mutation-Id', async () => {
    const app = createEventsApp()
    open.own(() => app.m.close())
    const served = await open.serve(app.router, (server, mizan) => {
      server.post('/hook', async (req, res) => {
        await mizan.invalidate(req, [app.board({ id: 1 })])
        res.status(204).end()
      })
    })
    const bob = open.listen(`${served.base}/mizan/events`, 'bob')
    await bob.opened
    const chosen = 'form-post-0123456789'
    const response = await fetch(`${served.base}/hook`, { method: 'POST', headers: { [mutationIdHeader]: chosen } })
    expect(noticeOf(response.headers.get(invalidateHeader)).id).toBe(chosen)
    await waitFor(() => bob.notices.length === 1)
    expect(bob.notices[0]!.id).toBe(chosen)
  })

  it('Fetch: invalidate(request, targets) purges, publishes, and gives the header for the app’s own response', async () => {
    const { handler, viaHandler, ...app } = fetchEventsApp(open)
    const caller = app.router.createCaller({ user: 'alice' })
    expect(await caller.note({ id: 1 })).toBe("alice's note 1")
    const alice = open.listen('http://app.test/mizan/events', 'alice', viaHandler)
    await alice.opened

    const form = new Request('http://app.test/form/edit', { method: 'POST', headers: { 'x-user': 'alice' } })
    app.db.notes.set('alice:1', 'edited')
    const { directives, headers } = await handler.invalidate(form, [app.note({ id: 1 })])
    expect(directives).toEqual([{ kind: 'exact', context: 'note', params: { id: 1 } }])
    const notice = noticeOf(headers[invalidateHeader])
    expect(notice.directives).toEqual(directives)
    await waitFor(() => alice.notices.length === 1)
    expect(alice.notices[0]).toMatchObject({ id: notice.id, directives })
    expect(await caller.note({ id: 1 })).toBe('edited')
  })
})
