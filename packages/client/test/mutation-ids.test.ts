import { http, HttpResponse } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { isMutationId } from '@mizan/server/protocol'
import { newMutationId } from '../src/new-mutation-id.ts'
import { createRecentIds } from '../src/recent-ids.ts'
import { createClient } from '../src/index.ts'
import type { AppRouter } from './fixtures/app-router.ts'
import { mockWire } from './fixtures/mock-wire.ts'

const { server, url } = mockWire()
afterEach(() => vi.unstubAllGlobals())

describe('mutation ids chosen by the client', () => {
  it('go with each write in the mizan-mutation-id header, a new one per call', async () => {
    const sent: string[] = []
    server.use(
      http.post(`${url}/m/renameProject`, ({ request }) => {
        sent.push(request.headers.get('mizan-mutation-id')!)
        return HttpResponse.json({ id: sent.at(-1), data: null, invalidate: [] })
      }),
    )
    const client = createClient<AppRouter>({ url })
    await client.renameProject.mutate({ id: 1, name: 'a' })
    await client.renameProject.mutate({ id: 1, name: 'a' }, { headers: { 'mizan-mutation-id': 'chosen-by-the-caller' } })
    expect(sent).toHaveLength(2)
    expect(sent.every(isMutationId)).toBe(true)
    expect(new Set(sent).size).toBe(2)
    // The client's own id wins: it is the one it will recognise on the event stream.
    expect(sent[1]).not.toBe('chosen-by-the-caller')
  })

  it('are 128 random bits where crypto.randomUUID is missing (pages on plain http)', () => {
    const { getRandomValues } = globalThis.crypto
    vi.stubGlobal('crypto', { getRandomValues: getRandomValues.bind(globalThis.crypto) })
    const ids = Array.from({ length: 50 }, () => newMutationId())
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/)
    expect(ids.every(isMutationId)).toBe(true)
    expect(new Set(ids).size).toBe(50)
  })
})

describe('the recent ids', () => {
  it('keep the last ones only, a lookup not counting as use', () => {
    const ids = createRecentIds(2)
    ids.add('a')
    ids.add('b')
    expect(ids.has('a')).toBe(true)
    ids.add('c')
    expect([ids.has('a'), ids.has('b'), ids.has('c')]).toEqual([false, true, true])
    // Added again: newest again.
    ids.add('b')
    ids.add('d')
    expect([ids.has('b'), ids.has('c'), ids.has('d')]).toEqual([true, false, true])
  })
})
