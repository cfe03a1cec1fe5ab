import superjson from 'superjson'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient, csrfSession, fetchWithInvalidation, MizanClientError } from '../src/index.ts'
import type { FlushedDirective } from '../src/index.ts'
import type { AppRouter } from './fixtures/app-router.ts'
import { startServer } from './fixtures/server.ts'

let server: Awaited<ReturnType<typeof startServer>>
beforeAll(async () => {
  server = await startServer()
})
afterAll(() => server.close())

function setup() {
  const client = createClient<AppRouter>({ session: csrfSession(), url: server.url, transformer: superjson })
  const flushes: FlushedDirective[][] = []
  client.$scheduler.subscribe((directives) => flushes.push([...directives]))
  return { client, flushes }
}

describe('mutations against a real Express server', () => {
  it('resolve the data and hand the directives to the scheduler, with the mutation id', async () => {
    const { client, flushes } = setup()
    const data = await client.renameProject.mutate({ id: 7, name: 'Ünïcode ✓' })
    expect(data).toEqual({ id: 7, name: 'Ünïcode ✓' })
    await Promise.resolve()
    expect(flushes).toHaveLength(1)
    const mutationId = flushes[0]![0]!.mutationId
    expect(mutationId).toMatch(/^[0-9a-f-]{36}$/)
    expect(flushes[0]).toEqual([
      { kind: 'whole', context: 'projects', mutationId, source: 'response' },
      { kind: 'exact', context: 'project', params: { id: 7 }, mutationId, source: 'response' },
      { kind: 'partial', context: 'search', params: { text: 'Ünïcode ✓' }, mutationId, source: 'response' },
    ])
  })

  it('apply the directives of an error answer too, then reject with the typed error', async () => {
    const { client, flushes } = setup()
    const error = await client.failAfterWrite.mutate().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MizanClientError)
    expect(error).toMatchObject({ code: 'CONFLICT', status: 409, message: 'Half done', path: 'failAfterWrite' })
    await Promise.resolve()
    expect(flushes).toEqual([[{ kind: 'whole', context: 'projects', mutationId: expect.any(String), source: 'response' }]])
  })

  it('reject invalid input with BAD_REQUEST and its issues, invalidating nothing', async () => {
    const { client, flushes } = setup()
    const error = (await client.renameProject.mutate({ id: 1, name: '' }).catch((e: unknown) => e)) as MizanClientError
    expect(error).toMatchObject({ code: 'BAD_REQUEST', status: 400, issues: [{ path: ['name'], message: 'A name cannot be empty' }] })
    await Promise.resolve()
    expect(flushes).toEqual([])
  })

  it('reach nested mutations by their dotted path', async () => {
    const { client } = setup()
    await expect(client.shop.addItem.mutate({ sku: 'A-1' })).resolves.toEqual({ added: 'A-1' })
    expect(server.requests.at(-1)).toEqual({ method: 'POST', url: '/mizan/m/shop.addItem' })
  })
})

describe('fetchWithInvalidation for writes outside the router', () => {
  it('applies the Mizan-Invalidate header of the answer', async () => {
    const { client, flushes } = setup()
    const response = await fetchWithInvalidation(client)(`${server.origin}/forms/rename`, { method: 'POST' })
    expect(response.status).toBe(204)
    await Promise.resolve()
    expect(flushes).toEqual([[{ kind: 'whole', context: 'projects', mutationId: expect.stringMatching(/^[0-9a-f-]{36}$/), source: 'header' }]])
  })

  it('leaves answers without the header alone', async () => {
    const { client, flushes } = setup()
    const response = await fetchWithInvalidation(client)(`${server.url}/q?items=${encodeURIComponent('[["projects"]]')}`)
    expect(response.status).toBe(200)
    await Promise.resolve()
    expect(flushes).toEqual([])
  })
})
