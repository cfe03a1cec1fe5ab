import { http, HttpResponse } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createClient, csrfSession, fetchWithInvalidation, MizanClientError } from '../src/index.ts'
import type { ClientOptions } from '../src/index.ts'
import type { AppRouter } from './fixtures/app-router.ts'
import { mockWire } from './fixtures/mock-wire.ts'
import { until } from './fixtures/until.ts'

// Acceptance 5 of issue 13, on the exact wire (msw): the client fetches its CSRF token lazily,
// once for concurrent writes, retries with backoff, resets after a total failure, and sends a
// write again only when the server says its token went stale (code CSRF), once.

const { server, url } = mockWire()

afterEach(() => {
  vi.useRealTimers()
})

interface Sent {
  readonly method: string
  readonly path: string
  readonly csrf: string | null
  readonly cookie: string | null
  readonly mutationId: string | null
}

/** Every request the client sends, in order. */
function recordRequests(): Sent[] {
  const sent: Sent[] = []
  const listener = ({ request }: { request: Request }) => {
    sent.push({
      method: request.method,
      path: new URL(request.url).pathname,
      csrf: request.headers.get('mizan-csrf'),
      cookie: request.headers.get('cookie'),
      mutationId: request.headers.get('mizan-mutation-id'),
    })
  }
  server.events.on('request:start', listener)
  afterEach(() => server.events.removeListener('request:start', listener))
  return sent
}

/** `GET /session` answering each call with the next of `answers` (a token, or a status to fail with); the last repeats. */
function serveSessions(...answers: Array<string | number | null>) {
  let calls = 0
  server.use(
    http.get(`${url}/session`, () => {
      const answer = answers[Math.min(calls++, answers.length - 1)]
      if (typeof answer === 'number') return HttpResponse.json({ error: { code: 'INTERNAL', message: 'Session store down', status: answer } }, { status: answer })
      return HttpResponse.json({ token: answer ?? null })
    }),
  )
}

const ok = (request: Request) => HttpResponse.json({ id: request.headers.get('mizan-mutation-id'), data: { id: 1, name: 'x' }, invalidate: [] })
const csrfRefusal = () => HttpResponse.json({ error: { code: 'CSRF', message: 'The CSRF token is not valid', status: 403 } }, { status: 403 })

const client = (options: Partial<ClientOptions> = {}) => createClient<AppRouter>({ url, session: csrfSession({ retryDelayMs: 1 }), ...options })
const reasonOf = async (promise: Promise<unknown>) => (await promise.then(() => undefined, (e: unknown) => e)) as MizanClientError
const writes = (sent: readonly Sent[]) => sent.filter((request) => request.method === 'POST')
const sessions = (sent: readonly Sent[]) => sent.filter((request) => request.path === '/mizan/session')

describe('CSRF session init', () => {
  it('fetches the token before the first write only, and sends it with every write', async () => {
    const sent = recordRequests()
    serveSessions('token-1')
    server.use(http.post(`${url}/m/renameProject`, ({ request }) => ok(request)))
    const c = client()
    await c.renameProject.mutate({ id: 1, name: 'a' })
    await c.renameProject.mutate({ id: 1, name: 'b' })
    expect(sent.map((request) => `${request.method} ${request.path} ${request.csrf}`)).toEqual([
      'GET /mizan/session null',
      'POST /mizan/m/renameProject token-1',
      'POST /mizan/m/renameProject token-1',
    ])
  })

  it('after two failures, succeeds on the third session request, backing off 100 then 200 ms', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] })
    const sent = recordRequests()
    serveSessions(503, 503, 'token-3')
    server.use(http.post(`${url}/m/renameProject`, ({ request }) => ok(request)))
    // The default delays: no retryDelayMs.
    const write = client({ session: csrfSession() }).renameProject.mutate({ id: 1, name: 'a' })
    await until(() => sessions(sent).length === 1)
    await vi.advanceTimersByTimeAsync(99)
    expect(sessions(sent)).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    await until(() => sessions(sent).length === 2, 'the second session request')
    await vi.advanceTimersByTimeAsync(199)
    expect(sessions(sent)).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(1)
    await expect(write).resolves.toEqual({ id: 1, name: 'x' })
    expect(sessions(sent)).toHaveLength(3)
    expect(writes(sent).map((request) => request.csrf)).toEqual(['token-3'])
  })

  it('after four failures, rejects with a clear error, and the next write starts a fresh attempt and succeeds', async () => {
    const sent = recordRequests()
    serveSessions(503, 503, 503, 503, 'token-5')
    server.use(http.post(`${url}/m/renameProject`, ({ request }) => ok(request)))
    const c = client()
    const error = await reasonOf(c.renameProject.mutate({ id: 1, name: 'a' }))
    expect(error).toBeInstanceOf(MizanClientError)
    expect(error).toMatchObject({ code: 'INTERNAL', status: 503, path: 'renameProject' })
    expect(error.message).toBe(`No CSRF token for this write: GET ${url}/session failed 4 times (last: Session store down); the next write tries again`)
    expect(sessions(sent)).toHaveLength(4)
    expect(writes(sent)).toEqual([])

    await expect(c.renameProject.mutate({ id: 1, name: 'b' })).resolves.toEqual({ id: 1, name: 'x' })
    expect(sessions(sent)).toHaveLength(5)
    expect(writes(sent).map((request) => request.csrf)).toEqual(['token-5'])
  })

  it('makes one session request for 10 concurrent first writes, and fails them all together', async () => {
    const sent = recordRequests()
    serveSessions(503)
    const c = client({ session: csrfSession({ retries: 0 }) })
    const failed = await Promise.all(Array.from({ length: 10 }, (_, i) => reasonOf(c.renameProject.mutate({ id: i, name: 'a' }))))
    expect(failed.every((error) => error instanceof MizanClientError && error.message.startsWith('No CSRF token for this write'))).toBe(true)
    expect(sessions(sent)).toHaveLength(1)

    serveSessions('token-shared')
    server.use(http.post(`${url}/m/renameProject`, ({ request }) => ok(request)))
    await Promise.all(Array.from({ length: 10 }, (_, i) => c.renameProject.mutate({ id: i, name: 'b' })))
    expect(sessions(sent)).toHaveLength(2)
    expect(writes(sent).map((request) => request.csrf)).toEqual(Array(10).fill('token-shared'))
  })

  it('refreshes a token refused with the code CSRF and sends the write again once, under the same id', async () => {
    const sent = recordRequests()
    serveSessions('stale', 'fresh')
    server.use(http.post(`${url}/m/renameProject`, ({ request }) => (request.headers.get('mizan-csrf') === 'fresh' ? ok(request) : csrfRefusal())))
    await expect(client().renameProject.mutate({ id: 1, name: 'a' })).resolves.toEqual({ id: 1, name: 'x' })
    expect(sent.map((request) => `${request.method} ${request.path} ${request.csrf}`)).toEqual([
      'GET /mizan/session null',
      'POST /mizan/m/renameProject stale',
      'GET /mizan/session null',
      'POST /mizan/m/renameProject fresh',
    ])
    const [first, second] = writes(sent)
    expect(second!.mutationId).toBe(first!.mutationId)
  })

  it('sends a write refused with CSRF again only once, then rejects with that error', async () => {
    const sent = recordRequests()
    serveSessions('one', 'two', 'three')
    server.use(http.post(`${url}/m/renameProject`, csrfRefusal))
    const error = await reasonOf(client().renameProject.mutate({ id: 1, name: 'a' }))
    expect(error).toMatchObject({ code: 'CSRF', status: 403, message: 'The CSRF token is not valid', path: 'renameProject' })
    expect(writes(sent).map((request) => request.csrf)).toEqual(['one', 'two'])
  })

  // The server's refusal of a write without a token names `session: csrfSession()` (see csrf-mutations.test.ts).
  it('passes a CSRF refusal through unchanged when the client has no session, and fetches nothing', async () => {
    const sent = recordRequests()
    server.use(http.post(`${url}/m/renameProject`, csrfRefusal))
    const error = await reasonOf(client({ session: undefined }).renameProject.mutate({ id: 1, name: 'a' }))
    expect(error).toMatchObject({ code: 'CSRF', status: 403, path: 'renameProject' })
    expect(error.message).toBe('The CSRF token is not valid')
    // Nothing is fetched or sent again without a session.
    expect(sent.map((request) => `${request.method} ${request.path} ${request.csrf}`)).toEqual(['POST /mizan/m/renameProject null'])
  })

  it('never sends a write refused with FORBIDDEN again, nor refreshes the token', async () => {
    const sent = recordRequests()
    serveSessions('token')
    server.use(http.post(`${url}/m/renameProject`, () => HttpResponse.json({ error: { code: 'FORBIDDEN', message: 'Not yours', status: 403 } }, { status: 403 })))
    const c = client()
    expect(await reasonOf(c.renameProject.mutate({ id: 1, name: 'a' }))).toMatchObject({ code: 'FORBIDDEN', status: 403 })
    // Nor a FORBIDDEN mutation answer (a resolver that refused, maybe after writing).
    server.use(http.post(`${url}/m/renameProject`, ({ request }) => HttpResponse.json({ id: request.headers.get('mizan-mutation-id'), error: { code: 'FORBIDDEN', message: 'Not yours', status: 403 }, invalidate: [] }, { status: 403 })))
    expect(await reasonOf(c.renameProject.mutate({ id: 1, name: 'b' }))).toMatchObject({ code: 'FORBIDDEN' })
    expect(sent.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /mizan/session', 'POST /mizan/m/renameProject', 'POST /mizan/m/renameProject'])
  })

  it('sends no token to a server that checks none (a null token), and asks nothing without a session', async () => {
    const sent = recordRequests()
    serveSessions(null)
    server.use(http.post(`${url}/m/renameProject`, ({ request }) => ok(request)))
    await client().renameProject.mutate({ id: 1, name: 'a' })
    await client({ session: undefined }).renameProject.mutate({ id: 1, name: 'b' })
    expect(sent.map((request) => `${request.method} ${request.path} ${request.csrf}`)).toEqual([
      'GET /mizan/session null',
      'POST /mizan/m/renameProject null',
      'POST /mizan/m/renameProject null',
    ])
  })

  it('rejects a write aborted while its token is fetched, and leaves the attempt to the other writes', async () => {
    const sent = recordRequests()
    let answer!: () => void
    const held = new Promise<void>((resolve) => (answer = resolve))
    server.use(
      http.get(`${url}/session`, async () => {
        await held
        return HttpResponse.json({ token: 'late' })
      }),
      http.post(`${url}/m/renameProject`, ({ request }) => ok(request)),
    )
    const c = client()
    const controller = new AbortController()
    const aborted = c.renameProject.mutate({ id: 1, name: 'a' }, { signal: controller.signal })
    const other = c.renameProject.mutate({ id: 2, name: 'b' })
    await until(() => sessions(sent).length === 1)
    controller.abort(new Error('left the page'))
    await expect(aborted).rejects.toThrow('left the page')
    answer()
    await expect(other).resolves.toEqual({ id: 1, name: 'x' })
    expect(writes(sent)).toHaveLength(1)
  })
})

describe('the CSRF cookie outside a browser', () => {
  it('is kept from the session answer and sent back with each write, beside the cookies the app sends', async () => {
    const sent = recordRequests()
    server.use(
      http.get(`${url}/session`, () => HttpResponse.json({ token: 'node-token' }, { headers: { 'set-cookie': 'mizan-csrf=node-token; Path=/; SameSite=Lax; HttpOnly' } })),
      http.post(`${url}/m/renameProject`, ({ request }) => ok(request)),
    )
    await client({ headers: { Cookie: 'sid=user-7' } }).renameProject.mutate({ id: 1, name: 'a' })
    expect(writes(sent)).toEqual([expect.objectContaining({ csrf: 'node-token', cookie: 'sid=user-7; mizan-csrf=node-token' })])
  })
})

describe('fetchWithInvalidation writes to the app’s own routes', () => {
  it('carry the token to the router’s origin only, for methods that write', async () => {
    const sent = recordRequests()
    serveSessions('form-token')
    server.use(http.all('http://api.test/forms/*', () => new HttpResponse(null, { status: 204 })), http.post('http://elsewhere.test/hook', () => new HttpResponse(null, { status: 204 })))
    const c = fetchWithInvalidation(client())
    await c('http://api.test/forms/rename', { method: 'POST', body: 'name=x' })
    await c('http://api.test/forms/rename', { method: 'DELETE' })
    await c('http://api.test/forms/list')
    await c('http://elsewhere.test/hook', { method: 'POST' })
    await c(new Request('http://api.test/forms/upload', { method: 'PUT', headers: { 'x-kept': 'yes' } }))
    expect(sent.map((request) => `${request.method} ${request.path} ${request.csrf}`)).toEqual([
      'GET /mizan/session null',
      'POST /forms/rename form-token',
      'DELETE /forms/rename form-token',
      'GET /forms/list null',
      'POST /hook null',
      'PUT /forms/upload form-token',
    ])
  })

  it('drop the token after a 403, so the next write fetches a fresh one', async () => {
    const sent = recordRequests()
    serveSessions('old', 'new')
    let refuse = true
    server.use(http.post('http://api.test/forms/rename', () => new HttpResponse(null, { status: refuse ? 403 : 204 })))
    const c = fetchWithInvalidation(client())
    expect((await c('http://api.test/forms/rename', { method: 'POST' })).status).toBe(403)
    refuse = false
    expect((await c('http://api.test/forms/rename', { method: 'POST' })).status).toBe(204)
    expect(sent.filter((request) => request.method === 'POST').map((request) => request.csrf)).toEqual(['old', 'new'])
  })
})
