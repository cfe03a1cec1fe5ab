import { getEventListeners } from 'node:events'
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createClient, csrfSession, MizanClientError } from '../src/index.ts'
import type { ClientOptions } from '../src/index.ts'
import type { AppRouter } from './fixtures/app-router.ts'
import { sessionHandler } from './fixtures/mock-wire.ts'

// A bundle's life on the wire, pinned with msw (plain JSON, so items read as they are sent): what
// goes out, when, how, and what each caller gets back.
const url = 'http://api.test/mizan'
const mock = setupServer(sessionHandler(url))
type Sent = { method: string; items: Array<[string, unknown?]> }
let sent: Sent[] = []
beforeAll(() => mock.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  mock.resetHandlers()
  sent = []
})
afterAll(() => mock.close())

/** Answers each item with its path and input, recording every bundle as it arrives. */
const echo = async ({ request }: { request: Request }) => {
  const items = (
    request.method === 'GET' ? JSON.parse(new URL(request.url).searchParams.get('items')!) : await request.json()
  ) as Sent['items']
  sent.push({ method: request.method, items })
  return HttpResponse.json(items.map(([path, input]) => ({ data: { path, input: input ?? null } })))
}
const serveEcho = () => mock.use(http.get(`${url}/q`, echo), http.post(`${url}/q`, echo))

const client = (options: Partial<ClientOptions> = {}) => createClient<AppRouter>({ session: csrfSession(), url, ...options })
const reasonOf = async (promise: Promise<unknown>) => (await promise.then(() => undefined, (e: unknown) => e)) as MizanClientError

describe('aborting before the bundle is sent', () => {
  it('sends nothing for reads whose every caller aborted before the flush', async () => {
    serveEcho()
    const c = client()
    const first = new AbortController()
    const second = new AbortController()
    const a = c.project.query({ id: 1 }, { signal: first.signal })
    const b = c.project.query({ id: 1 }, { signal: second.signal })
    const d = c.projects.query(undefined, { signal: second.signal })
    first.abort()
    second.abort()
    const reasons = await Promise.all([reasonOf(a), reasonOf(b), reasonOf(d)])
    expect(reasons.map((reason) => reason.name)).toEqual(['AbortError', 'AbortError', 'AbortError'])
    // A later read is the barrier: a bundle of the aborted reads would have gone out before it.
    await expect(c.shop.cart.query()).resolves.toEqual({ path: 'shop.cart', input: null })
    expect(sent).toEqual([{ method: 'GET', items: [['shop.cart']] }])
  })

  it('leaves out only the aborted reads when others of the same window still want an answer', async () => {
    serveEcho()
    const c = client({ batch: { windowMs: 1 } })
    const controller = new AbortController()
    const aborted = c.project.query({ id: 1 }, { signal: controller.signal })
    const kept = c.project.query({ id: 2 })
    controller.abort()
    expect((await reasonOf(aborted)).name).toBe('AbortError')
    await expect(kept).resolves.toEqual({ path: 'project', input: { id: 2 } })
    expect(sent).toEqual([{ method: 'GET', items: [['project', { id: 2 }]] }])
  })
})

describe('abort listeners', () => {
  it('are removed once a call settles, whatever the outcome', async () => {
    mock.use(
      http.get(`${url}/q`, ({ request }) => {
        const items = JSON.parse(new URL(request.url).searchParams.get('items')!) as Sent['items']
        return HttpResponse.json(
          items.map(([path]) => (path === 'projects' ? { error: { code: 'FORBIDDEN', message: 'No', status: 403 } } : { data: path })),
        )
      }),
    )
    // One signal for a page's whole life, as apps do: it must not keep every past call alive.
    const page = new AbortController()
    const { signal } = page
    const c = client()
    const unbatched = client({ batch: false })
    const calls = [
      c.project.query({ id: 1 }, { signal }),
      c.project.query({ id: 1 }, { signal }),
      c.projects.query(undefined, { signal }),
      unbatched.shop.cart.query(undefined, { signal }),
    ]
    expect(getEventListeners(signal, 'abort')).toHaveLength(4)
    const outcomes = await Promise.allSettled(calls)
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled'])
    expect(getEventListeners(signal, 'abort')).toHaveLength(0)
    // Aborting afterwards changes nothing for the settled calls.
    page.abort()
    expect(await Promise.allSettled(calls)).toEqual(outcomes)
  })

  it('are removed when a caller aborts, and when the connection drops', async () => {
    mock.use(http.get(`${url}/q`, () => HttpResponse.error()))
    const page = new AbortController()
    const own = new AbortController()
    const c = client()
    const dropped = c.project.query({ id: 1 }, { signal: page.signal })
    const aborted = c.project.query({ id: 2 }, { signal: own.signal })
    own.abort()
    expect(await reasonOf(aborted)).toMatchObject({ name: 'AbortError' })
    expect(await reasonOf(dropped)).toMatchObject({ code: 'NETWORK' })
    expect(getEventListeners(page.signal, 'abort')).toHaveLength(0)
    expect(getEventListeners(own.signal, 'abort')).toHaveLength(0)
  })
})

describe('a bundle split at the item limit', () => {
  it('chooses GET or POST for each chunk by its own URL', async () => {
    serveEcho()
    const c = client({ batch: { maxItems: 2, getUrlBudget: 300 } })
    const long = 'x'.repeat(400)
    const results = await Promise.all([
      c.project.query({ id: 1 }),
      c.project.query({ id: 2 }),
      c.search.query({ text: long }),
      c.projects.query(),
      c.project.query({ id: 3 }),
    ])
    expect(results).toEqual([
      { path: 'project', input: { id: 1 } },
      { path: 'project', input: { id: 2 } },
      { path: 'search', input: { text: long } },
      { path: 'projects', input: null },
      { path: 'project', input: { id: 3 } },
    ])
    expect(sent).toHaveLength(3)
    expect(sent).toEqual(
      expect.arrayContaining([
        { method: 'GET', items: [['project', { id: 1 }], ['project', { id: 2 }]] },
        { method: 'POST', items: [['search', { text: long }], ['projects']] },
        { method: 'GET', items: [['project', { id: 3 }]] },
      ]),
    )
  })
})

describe('headers() failing', () => {
  it.each([
    ['rejecting', () => Promise.reject(new Error('token store unavailable'))],
    [
      'throwing',
      () => {
        throw new Error('token store unavailable')
      },
    ],
  ])('rejects every call with its error when %s, sends nothing, and recovers', async (_how, failing) => {
    serveEcho()
    mock.use(http.post(`${url}/m/renameProject`, () => HttpResponse.json({ id: 'w', data: null, invalidate: [] })))
    let broken = true
    const c = client({ headers: () => (broken ? failing() : { authorization: 'ok' }) })
    const reasons = await Promise.all([
      reasonOf(c.project.query({ id: 1 })),
      reasonOf(c.projects.query()),
      reasonOf(c.project.query({ id: 1 }, { batch: false })),
      reasonOf(c.renameProject.mutate({ id: 1, name: 'x' })),
    ])
    for (const reason of reasons) {
      expect(reason).toBeInstanceOf(Error)
      expect(reason.message).toBe('token store unavailable')
    }
    expect(sent).toEqual([])
    broken = false
    await expect(c.projects.query()).resolves.toEqual({ path: 'projects', input: null })
    await expect(c.renameProject.mutate({ id: 1, name: 'x' })).resolves.toBeNull()
  })
})

describe("a bundle item's error", () => {
  it('rejects only its own callers, with its code, status, message and issues', async () => {
    const issues = [{ path: ['id'], message: 'Expected a number' }]
    mock.use(
      http.get(`${url}/q`, () =>
        HttpResponse.json([
          { data: [{ id: 1 }] },
          { error: { code: 'BAD_REQUEST', message: 'Invalid input: id: Expected a number', status: 400, issues } },
          { error: { code: 'NOT_FOUND', message: 'No project 404', status: 404 } },
          { data: { owner: null, items: [] } },
        ]),
      ),
    )
    const c = client()
    const [projects, invalid, invalidAgain, missing, cart] = await Promise.allSettled([
      c.projects.query(),
      c.project.query({ id: 'seven' as never }),
      c.project.query({ id: 'seven' as never }),
      c.project.query({ id: 404 }),
      c.shop.cart.query(),
    ])
    expect(projects).toEqual({ status: 'fulfilled', value: [{ id: 1 }] })
    expect(cart).toEqual({ status: 'fulfilled', value: { owner: null, items: [] } })
    for (const outcome of [invalid, invalidAgain]) {
      const reason = (outcome as PromiseRejectedResult).reason as MizanClientError
      expect(reason).toBeInstanceOf(MizanClientError)
      expect(reason).toMatchObject({ code: 'BAD_REQUEST', status: 400, path: 'project', message: 'Invalid input: id: Expected a number', isClientError: true })
      expect(reason.issues).toEqual(issues)
    }
    const notFound = (missing as PromiseRejectedResult).reason as MizanClientError
    expect(notFound).toBeInstanceOf(MizanClientError)
    expect(notFound).toMatchObject({ code: 'NOT_FOUND', status: 404, path: 'project', message: 'No project 404', issues: undefined })
  })
})
