import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { createClient } from '../src/index.ts'
import type { AppRouter } from './fixtures/app-router.ts'
import { mockWire, recordFlushes, tick } from './fixtures/mock-wire.ts'

// Bug 5 of issue 10: with plain JSON, `undefined` data vanishes from the answer (JSON.stringify
// drops the key), so a write returning nothing answers `{ id, invalidate }` and a read returning
// nothing answers `{}`. Both mean `undefined`, not a broken answer.
const { server, url } = mockWire()
const client = () => createClient<AppRouter>({ url })
const reasonOf = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: unknown) => error)

describe('an answer without data, on the wire', () => {
  it('resolves a mutation answered { id, invalidate } with undefined, and applies its directives', async () => {
    server.use(http.post(`${url}/m/renameProject`, () => HttpResponse.json({ id: 'm1', invalidate: [{ kind: 'whole', context: 'projects' }] })))
    const c = client()
    const flushes = recordFlushes(c.$scheduler)
    await expect(c.renameProject.mutate({ id: 1, name: 'a' })).resolves.toBeUndefined()
    await tick()
    expect(flushes).toEqual([[{ kind: 'whole', context: 'projects', mutationId: 'm1', source: 'response' }]])
  })

  it('resolves a bundle item answered {} with undefined, beside its neighbours', async () => {
    server.use(http.get(`${url}/q`, () => HttpResponse.json([{}, { data: 2 }])))
    const c = client()
    const [a, b] = await Promise.all([c.projects.query(), c.project.query({ id: 1 })])
    expect(a).toBeUndefined()
    expect(b).toBe(2)
  })

  it.each([
    ['a string', 'ok'],
    ['null', null],
    ['a list', [{ id: 'm1', invalidate: [] }]],
    ['an object without an id', { invalidate: [] }],
    ['an object whose id is not a string', { id: 7, invalidate: [] }],
    ['an object whose error is not a wire error', { id: 'm1', invalidate: [], error: 'boom' }],
  ])('still rejects a mutation answer that is %s', async (_name, answer) => {
    server.use(http.post(`${url}/m/renameProject`, () => HttpResponse.json(answer)))
    expect(await reasonOf(client().renameProject.mutate({ id: 1, name: 'a' }))).toMatchObject({ code: 'BAD_RESPONSE', status: 200 })
  })

  it.each([
    ['a string', 'ok'],
    ['a number', 1],
    ['null', null],
    ['a list', [{ data: 1 }]],
    ['an object whose error is not a wire error', { error: 'boom' }],
  ])('still rejects a bundle item that is %s, and only that item', async (_name, answer) => {
    server.use(http.get(`${url}/q`, () => HttpResponse.json([answer, { data: 2 }])))
    const c = client()
    const [a, b] = await Promise.all([reasonOf(c.projects.query()), c.project.query({ id: 1 })])
    expect(a).toMatchObject({ code: 'BAD_RESPONSE', status: 200, path: 'projects' })
    expect(b).toBe(2)
  })
})
