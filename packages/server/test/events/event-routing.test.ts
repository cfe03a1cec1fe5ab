import { describe, expect, it } from 'vitest'
import { sessionAt } from '../fixtures/session.ts'
import { waitFor } from '../fixtures/wait-for.ts'
import { closePerTest, createEventsApp, write } from './events-app.ts'

const open = closePerTest()

async function setup() {
  const app = createEventsApp()
  open.own(() => app.m.close())
  const served = await open.serve(app.router)
  const events = `${served.base}/mizan/events`
  return { ...app, ...served, events }
}

describe('GET /events: who hears a write', () => {
  it("tells a second user of a public context's change", async () => {
    const { base, events } = await setup()
    const bob = open.listen(events, 'bob')
    await bob.opened
    const { status, id } = await write(base, 'renameBoard', { id: 1, title: 'Plans' }, 'alice')
    expect(status).toBe(200)
    await waitFor(() => bob.notices.length === 1)
    expect(bob.notices[0]).toMatchObject({ id, directives: [{ kind: 'exact', context: 'board', params: { id: 1 } }] })
  })

  it("sends a user-scoped change to that user's streams only (other tabs too), and public ones to anonymous streams", async () => {
    const { base, events } = await setup()
    const aliceTab = open.listen(events, 'alice')
    const aliceOtherTab = open.listen(events, 'alice')
    const bob = open.listen(events, 'bob')
    const anonymous = open.listen(events)
    await Promise.all([aliceTab.opened, aliceOtherTab.opened, bob.opened, anonymous.opened])

    const note = await write(base, 'editNote', { id: 3, text: 'mine' }, 'alice')
    expect(note.directives).toEqual([{ kind: 'exact', context: 'note', params: { id: 3 } }])
    await waitFor(() => aliceTab.notices.length === 1 && aliceOtherTab.notices.length === 1)
    // A later public write reaches everyone; the streams deliver in order, so once it is there,
    // the user-scoped one would have been too.
    const board = await write(base, 'renameBoard', { id: 1, title: 'Plans' }, 'alice')
    await waitFor(() => bob.notices.length > 0 && anonymous.notices.length > 0 && aliceTab.notices.length === 2)
    expect(bob.notices.map((n) => n.id)).toEqual([board.id])
    expect(anonymous.notices.map((n) => n.id)).toEqual([board.id])
    expect(aliceTab.notices.map((n) => n.id)).toEqual([note.id, board.id])
    expect(aliceTab.notices[0]!.directives).toEqual(note.directives)
  })

  it('sends nothing of a user-scoped change by an anonymous writer (nobody to send it to)', async () => {
    const { base, events } = await setup()
    const anonymous = open.listen(events)
    await anonymous.opened
    await write(base, 'editNote', { id: 3, text: 'whose?' })
    const board = await write(base, 'renameBoard', { id: 2, title: 'Later' })
    await waitFor(() => anonymous.notices.length > 0)
    expect(anonymous.notices.map((n) => n.id)).toEqual([board.id])
  })

  it('numbers events in increasing order on a stream', async () => {
    const { base, events } = await setup()
    const bob = open.listen(events, 'bob')
    await bob.opened
    for (const title of ['a', 'b', 'c']) await write(base, 'renameBoard', { id: 1, title })
    await waitFor(() => bob.notices.length === 3)
    const ids = bob.notices.map((n) => Number(n.eventId))
    expect(ids.every((id, i) => Number.isInteger(id) && (i === 0 || id > ids[i - 1]!))).toBe(true)
  })
})

describe('mutation ids', () => {
  it('answers and publishes with the id the client chose', async () => {
    const { base, events } = await setup()
    const alice = open.listen(events, 'alice')
    await alice.opened
    const chosen = 'tab-7_0123456789abcdef'
    const { status, id } = await write(base, 'editNote', { id: 1, text: 'x' }, 'alice', chosen)
    expect(status).toBe(200)
    expect(id).toBe(chosen)
    await waitFor(() => alice.notices.length === 1)
    expect(alice.notices[0]!.id).toBe(chosen)
  })

  it('makes one when the client sends none, the same in the answer and the event', async () => {
    const { base, events } = await setup()
    const alice = open.listen(events, 'alice')
    await alice.opened
    const { id } = await write(base, 'editNote', { id: 1, text: 'x' }, 'alice')
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
    await waitFor(() => alice.notices.length === 1)
    expect(alice.notices[0]!.id).toBe(id)
  })

  it.each([
    ['too short', 'short'],
    ['a character outside the set', 'abcdefgh ijklmnopq'],
    ['too long', 'x'.repeat(65)],
  ])('refuses an id that is %s with 400, before anything runs', async (_, chosen) => {
    const { base, db } = await setup()
    const response = await fetch(`${base}/mizan/m/editNote`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-user': 'alice', 'mizan-mutation-id': chosen, ...(await sessionAt(`${base}/mizan`)).headers },
      body: JSON.stringify({ json: { id: 1, text: 'never' } }),
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error: { code: 'BAD_REQUEST', message: expect.stringContaining('mizan-mutation-id') } })
    expect(db.notes.size).toBe(0)
  })
})
