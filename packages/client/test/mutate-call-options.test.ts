import superjson from 'superjson'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient, csrfSession } from '../src/index.ts'
import type { ClientOptions, FlushedDirective } from '../src/index.ts'
import type { AppRouter } from './fixtures/app-router.ts'
import { startServer } from './fixtures/server.ts'

let server: Awaited<ReturnType<typeof startServer>>
beforeAll(async () => {
  server = await startServer()
})
afterAll(() => server.close())

function recordingClient(options: Partial<ClientOptions> = {}) {
  const sent: Array<Record<string, string>> = []
  const client = createClient<AppRouter>({
    session: csrfSession(),
    url: server.url,
    transformer: superjson,
    fetch: (input, init) => {
      sent.push({ ...(init?.headers as Record<string, string>) })
      return fetch(input, init)
    },
    ...options,
  })
  return { client, sent }
}

describe('the options of one mutation call', () => {
  it('add headers to the client-wide ones, winning over a client-wide header of the same name', async () => {
    const { client, sent } = recordingClient({ headers: async () => ({ authorization: 'ada', 'x-tenant': 'client' }) })
    await client.renameProject.mutate({ id: 1, name: 'A' }, { headers: { 'x-tenant': 'call', 'idempotency-key': 'k-1' } })
    await client.renameProject.mutate({ id: 1, name: 'B' })
    // First the CSRF session (with the client's own headers), then the writes with its token and,
    // Node having no cookie jar, its cookie.
    const csrf = { 'mizan-csrf': expect.stringMatching(/^[\w-]+\.[\w-]+$/), cookie: expect.stringMatching(/^mizan-csrf=/) }
    expect(sent).toEqual([
      { authorization: 'ada', 'x-tenant': 'client' },
      { authorization: 'ada', 'x-tenant': 'call', 'idempotency-key': 'k-1', 'mizan-mutation-id': expect.any(String), 'content-type': 'application/json', ...csrf },
      { authorization: 'ada', 'x-tenant': 'client', 'mizan-mutation-id': expect.any(String), 'content-type': 'application/json', ...csrf },
    ])
  })

  it('cannot change the content type the wire needs', async () => {
    const { client, sent } = recordingClient()
    await expect(client.renameProject.mutate({ id: 1, name: 'C' }, { headers: { 'content-type': 'text/plain' } })).resolves.toEqual({ id: 1, name: 'C' })
    expect(sent.at(-1)!['content-type']).toBe('application/json')
  })
})

describe("$mutate's onDirectives", () => {
  it('tells the answer id and directive count before the directives reach the scheduler', async () => {
    const { client } = recordingClient()
    const events: string[] = []
    client.$scheduler.subscribe((directives: readonly FlushedDirective[]) => events.push(`flush ${directives[0]!.mutationId}`))
    await client.$mutate('renameProject', { id: 1, name: 'D' }, { onDirectives: (id, count) => events.push(`answer ${id} ${count}`) })
    await Promise.resolve()
    expect(events).toEqual([expect.stringMatching(/^answer \S+ 3$/), `flush ${events[0]!.split(' ')[1]}`])
  })

  it('is told a count of 0 when the answer invalidates nothing, after a failure too', async () => {
    const { client } = recordingClient()
    const told: number[] = []
    await expect(client.$mutate('renameProject', { id: 1, name: '' }, { onDirectives: (_id, count) => told.push(count) })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    })
    await expect(client.$mutate('failAfterWrite', undefined, { onDirectives: (_id, count) => told.push(count) })).rejects.toMatchObject({
      code: 'CONFLICT',
    })
    expect(told).toEqual([0, 1])
  })
})
