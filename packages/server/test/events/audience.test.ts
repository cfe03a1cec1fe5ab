import superjson from 'superjson'
import * as z from 'zod'
import { describe, expect, it } from 'vitest'
import { forEveryUser, forUser, initMizan, memoryCache, memoryEvents } from '../../src/index.ts'
import { waitFor } from '../fixtures/wait-for.ts'
import { closePerTest, createEventsApp, read, write } from './events-app.ts'

const open = closePerTest()

async function setup() {
  const app = createEventsApp()
  open.own(() => app.m.close())
  const served = await open.serve(app.router)
  return { ...app, ...served, events: `${served.base}/mizan/events` }
}

describe('forUser: a write for other users', () => {
  it("reaches the named user's streams and purges their cached entry, not the writer's", async () => {
    const { base, events, counts } = await setup()
    expect(await read(base, 'note', { id: 1 }, 'alice')).toBe("alice's note 1")
    expect(await read(base, 'note', { id: 1 }, 'alice')).toBe("alice's note 1")
    expect(counts.note).toBe(1) // cached
    const alice = open.listen(events, 'alice')
    const admin = open.listen(events, 'admin')
    await Promise.all([alice.opened, admin.opened])

    const edit = await write(base, 'editNoteOf', { owner: 'alice', id: 1, text: 'edited by admin' }, 'admin')
    expect(edit.status).toBe(200)
    // The admin's own pages hold no note of alice's: the answer names nothing for them.
    expect(edit.directives).toEqual([])
    await waitFor(() => alice.notices.length === 1)
    expect(alice.notices[0]).toMatchObject({ id: edit.id, directives: [{ kind: 'exact', context: 'note', params: { id: 1 } }] })
    expect(await read(base, 'note', { id: 1 }, 'alice')).toBe('edited by admin')
    expect(counts.note).toBe(2)

    const later = await write(base, 'renameBoard', { id: 9, title: 'x' }, 'admin')
    await waitFor(() => admin.notices.length > 0)
    expect(admin.notices.map((n) => n.id)).toEqual([later.id])
  })

  it('gives the writer the directives too when the writer is among the users named', async () => {
    const { base, events } = await setup()
    const alice = open.listen(events, 'alice')
    await alice.opened
    const edit = await write(base, 'editNoteOf', { owner: 'alice', id: 2, text: 'mine' }, 'alice')
    expect(edit.directives).toEqual([{ kind: 'exact', context: 'note', params: { id: 2 } }])
    await waitFor(() => alice.notices.length === 1)
  })

  it('treats a public context inside it as public: the writer, and everyone, hear it', async () => {
    const { base, events } = await setup()
    const alice = open.listen(events, 'alice')
    const bob = open.listen(events, 'bob')
    await Promise.all([alice.opened, bob.opened])
    const edit = await write(base, 'editNoteOf', { owner: 'alice', id: 1, text: 't', board: 4 }, 'admin')
    expect(edit.directives).toEqual([{ kind: 'exact', context: 'board', params: { id: 4 } }])
    await waitFor(() => alice.notices.length === 1 && bob.notices.length === 1)
    expect(alice.notices[0]!.directives).toEqual([
      { kind: 'exact', context: 'note', params: { id: 1 } },
      { kind: 'exact', context: 'board', params: { id: 4 } },
    ])
    expect(bob.notices[0]!.directives).toEqual([{ kind: 'exact', context: 'board', params: { id: 4 } }])
  })

  it('takes several keys, numbers as text, and reaches each of them', async () => {
    const m = initMizan.context<{ user: number | null }>().create({ transformer: superjson, events: memoryEvents(), userKey: (ctx) => ctx.user })
    open.own(() => m.close())
    const inbox = m.context.query(() => 0)
    const notify = m.mutation
      .input(z.array(z.number()))
      .run(() => {})
      .invalidates(({ input }) => [forUser(input, [inbox])])
    const router = m.router({ inbox, notify })
    const served = await open.serve(router)
    const user7 = open.listen(`${served.base}/mizan/events`, '7')
    const user8 = open.listen(`${served.base}/mizan/events`, '8')
    await Promise.all([user7.opened, user8.opened])
    // The served context takes the header as text: `userKey` gives '7', forUser got 7.
    await write(served.base, 'notify', [7, 8], 'admin')
    await waitFor(() => user7.notices.length === 1 && user8.notices.length === 1)
    expect(user7.notices[0]!.directives).toEqual([{ kind: 'whole', context: 'inbox' }])
  })
})

describe('forEveryUser', () => {
  it("reaches every stream and purges every user's entries", async () => {
    const { base, events, counts } = await setup()
    await read(base, 'note', { id: 1 }, 'alice')
    await read(base, 'note', { id: 1 }, 'bob')
    const streams = [open.listen(events, 'alice'), open.listen(events, 'bob'), open.listen(events)]
    await Promise.all(streams.map((s) => s.opened))
    const reset = await write(base, 'resetNotes', undefined, 'admin')
    expect(reset.directives).toEqual([{ kind: 'whole', context: 'note' }])
    await waitFor(() => streams.every((s) => s.notices.length === 1))
    for (const s of streams) expect(s.notices[0]).toMatchObject({ id: reset.id, directives: [{ kind: 'whole', context: 'note' }] })
    await read(base, 'note', { id: 1 }, 'alice')
    await read(base, 'note', { id: 1 }, 'bob')
    expect(counts.note).toBe(4)
  })
})

describe('audience targets outside the router', () => {
  it('refuse an unmounted context inside them at startup, as any target', () => {
    const m = initMizan.context<{ user: string | null }>().create({ cache: memoryCache(), userKey: (ctx) => ctx.user })
    const orphan = m.context.query(() => 1)
    const write = m.mutation.run(() => {}).invalidates([forUser('a', [orphan])])
    expect(() => m.router({ write }).createCaller({ user: null })).toThrow(/not mounted in this router/)
  })

  it('refuse an empty user key', () => {
    const m = initMizan.create()
    const inbox = m.context.query(() => 1)
    expect(() => forUser('', [inbox])).toThrow(/not a user key/)
    expect(() => forUser(Number.NaN, [inbox])).toThrow(/not a user key/)
    expect(() => forEveryUser(inbox as never)).toThrow(/list of targets/)
  })
})
