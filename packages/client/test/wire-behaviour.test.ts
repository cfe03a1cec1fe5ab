import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createClient, csrfSession, MizanClientError } from '../src/index.ts'
import type { AppRouter } from './fixtures/app-router.ts'
import { sessionHandler } from './fixtures/mock-wire.ts'

// Exact wire behaviour, pinned with msw: what the client does with each kind of answer.
const url = 'http://api.test/mizan'
const mock = setupServer(sessionHandler(url))
let hits: string[] = []
beforeAll(() => mock.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  mock.resetHandlers()
  hits = []
})
afterAll(() => mock.close())
mock.events.on('request:start', ({ request }) => {
  hits.push(`${request.method} ${new URL(request.url).pathname}`)
})

const client = () => createClient<AppRouter>({ session: csrfSession(), url })
const reasonOf = async (promise: Promise<unknown>) => (await promise.then(() => undefined, (e: unknown) => e)) as MizanClientError

describe('the client on the wire', () => {
  // The client itself never retries; the React bridge's default retry reads `isClientError`
  // (its retry counts are pinned in packages/react/test/component-tree.test.tsx).
  it('marks a request-level 4xx as a client error, and a 5xx as not', async () => {
    mock.use(
      http.get(`${url}/q`, () => HttpResponse.json({ error: { code: 'BAD_REQUEST', message: 'Malformed bundle: x', status: 400 } }, { status: 400 })),
      http.post(`${url}/m/renameProject`, () =>
        HttpResponse.json({ error: { code: 'FORBIDDEN', message: 'Bad token', status: 403 } }, { status: 403 }),
      ),
      http.post(`${url}/m/shop.addItem`, () =>
        HttpResponse.json({ error: { code: 'INTERNAL', message: 'Internal server error', status: 500 } }, { status: 500 }),
      ),
    )
    const c = client()
    const read = await reasonOf(c.projects.query())
    expect(read).toMatchObject({ code: 'BAD_REQUEST', status: 400, message: 'Malformed bundle: x', path: 'projects', isClientError: true })
    const write = await reasonOf(c.renameProject.mutate({ id: 1, name: 'x' }))
    expect(write).toMatchObject({ code: 'FORBIDDEN', status: 403, isClientError: true })
    const crash = await reasonOf(c.shop.addItem.mutate({ sku: 'a' }))
    expect(crash).toMatchObject({ code: 'INTERNAL', status: 500, isClientError: false })
    // The first write fetches the CSRF token first; a 403 that is not CSRF is never sent again.
    expect(hits).toEqual(['GET /mizan/q', 'GET /mizan/session', 'POST /mizan/m/renameProject', 'POST /mizan/m/shop.addItem'])
  })

  it('gives a clear error for an answer that is not JSON, e.g. a proxy error page', async () => {
    mock.use(http.get(`${url}/q`, () => new HttpResponse('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } })))
    const error = await reasonOf(client().projects.query())
    expect(error).toBeInstanceOf(MizanClientError)
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', status: 502 })
    expect(error.message).toBe(
      'HTTP 502, not a Mizan answer (content type "text/html"): a proxy or a middleware (a body parser before Mizan?) answered',
    )
  })

  // Regression: express.json() mounted before Mizan refused a 200 KB input with its HTML 413 page,
  // and the client said only BAD_RESPONSE.
  it('names the status of a body parser 413 page and says Mizan did not send it', async () => {
    mock.use(
      http.post(`${url}/m/renameProject`, () =>
        new HttpResponse('<!DOCTYPE html><pre>PayloadTooLargeError: request entity too large</pre>', {
          status: 413,
          headers: { 'content-type': 'text/html; charset=utf-8' },
        }),
      ),
    )
    const error = await reasonOf(client().renameProject.mutate({ id: 1, name: 'x'.repeat(200 * 1024) }))
    expect(error).toBeInstanceOf(MizanClientError)
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', status: 413, path: 'renameProject' })
    expect(error.message).toContain('HTTP 413')
    expect(error.message).toContain('not a Mizan answer')
    expect(error.message).toContain('text/html')
  })

  it('says the same of JSON without a Mizan error, e.g. another JSON error handler', async () => {
    mock.use(http.get(`${url}/q`, () => HttpResponse.json({ message: 'request entity too large' }, { status: 413 })))
    const error = await reasonOf(client().projects.query())
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', status: 413, path: 'projects' })
    expect(error.message).toMatch(/^HTTP 413, not a Mizan answer \(JSON without a Mizan error\)/)
  })

  it('gives a clear error for JSON that does not parse', async () => {
    mock.use(http.get(`${url}/q`, () => new HttpResponse('[{"data":', { headers: { 'content-type': 'application/json' } })))
    expect(await reasonOf(client().projects.query())).toMatchObject({
      code: 'BAD_RESPONSE',
      message: "The server's answer is not valid JSON (HTTP 200)",
    })
  })

  it('rejects every caller when a bundle answer has the wrong number of items', async () => {
    mock.use(http.get(`${url}/q`, () => HttpResponse.json([{ data: 1 }])))
    const c = client()
    const [a, b] = await Promise.all([reasonOf(c.projects.query()), reasonOf(c.project.query({ id: 1 }))])
    expect(a).toMatchObject({ code: 'BAD_RESPONSE', path: 'projects', message: expect.stringContaining('expected 2 answers') })
    expect(b).toMatchObject({ code: 'BAD_RESPONSE', path: 'project' })
  })

  it('rejects an item that is neither data nor a well-formed error', async () => {
    mock.use(http.get(`${url}/q`, () => HttpResponse.json([{ data: 'ok' }, { error: 'boom' }])))
    const c = client()
    const [a, b] = await Promise.allSettled([c.projects.query(), c.project.query({ id: 1 })])
    expect(a).toEqual({ status: 'fulfilled', value: 'ok' })
    expect((b as PromiseRejectedResult).reason).toMatchObject({ code: 'BAD_RESPONSE', path: 'project' })
  })

  // Malformed directives no longer fail a write that succeeded: malformed-directives.test.ts.
  it('rejects a mutation answer without an id', async () => {
    mock.use(http.post(`${url}/m/renameProject`, () => HttpResponse.json({ data: { id: 1 } })))
    expect(await reasonOf(client().renameProject.mutate({ id: 1, name: 'a' }))).toMatchObject({ code: 'BAD_RESPONSE', status: 200 })
  })

  it('rejects every caller of a bundle when the connection drops', async () => {
    mock.use(http.get(`${url}/q`, () => HttpResponse.error()))
    const c = client()
    const errors = await Promise.all([reasonOf(c.projects.query()), reasonOf(c.project.query({ id: 1 })), reasonOf(c.shop.cart.query())])
    expect(hits).toEqual(['GET /mizan/q'])
    for (const [error, path] of [[errors[0], 'projects'], [errors[1], 'project'], [errors[2], 'shop.cart']] as const) {
      expect(error).toBeInstanceOf(MizanClientError)
      expect(error).toMatchObject({ code: 'NETWORK', status: 0, path })
    }
  })

  it('aborts a slow bundle once its only caller aborts', async () => {
    let arrive!: () => void
    const arrived = new Promise<void>((resolve) => (arrive = resolve))
    let aborted = false
    mock.use(
      // Answers only once its request is aborted: never, unless the client aborts it.
      http.get(`${url}/q`, ({ request }) => {
        arrive()
        return new Promise<Response>((resolve) => {
          request.signal.addEventListener('abort', () => {
            aborted = true
            resolve(HttpResponse.json([{ data: 1 }]))
          })
        })
      }),
    )
    const controller = new AbortController()
    const pending = client().projects.query(undefined, { signal: controller.signal })
    await arrived
    expect(aborted).toBe(false)
    controller.abort()
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
    await vi.waitFor(() => expect(aborted).toBe(true))
  })

  it('uses a custom fetch and sends credentials', async () => {
    const seen: RequestInit[] = []
    const c = createClient<AppRouter>({
      session: csrfSession(),
      url,
      credentials: 'include',
      fetch: async (_input, init) => {
        seen.push(init ?? {})
        return HttpResponse.json([{ data: [] }]) as Response
      },
    })
    await expect(c.projects.query()).resolves.toEqual([])
    expect(seen[0]).toMatchObject({ method: 'GET', credentials: 'include' })
    expect(hits).toEqual([])
  })
})
