import superjson from 'superjson'
import { describe, expect, it } from 'vitest'
import { mizanFetch } from '../../src/adapters/fetch.ts'
import { csrfHeader } from '../../src/protocol/index.ts'
import { openSession } from '../fixtures/session.ts'
import { createHttpRouter } from '../http/fixtures.ts'
import { openPerTest, transports } from '../http/transports.ts'
import type { Transport } from '../http/transports.ts'
import { item } from '../http/wire-helpers.ts'

// Acceptance 4 of issue 13, through both adapters: a write passes only with a token signed by
// the server's secret and equal to its cookie, from the server's own site; the refusal comes
// before anything of the write is looked at.

const open = openPerTest()
const body = JSON.stringify(superjson.serialize({ id: 1, name: 'Renamed' }))
const json = { 'content-type': 'application/json' }

/** A write of `renameProject` with exactly these headers: nothing added. */
function write(t: Transport, headers: Record<string, string>, init: RequestInit = {}) {
  return t.raw('/m/renameProject', { method: 'POST', headers: { ...json, ...headers }, body, ...init })
}

async function refusal(response: Response) {
  expect(response.status).toBe(403)
  return ((await response.json()) as { error: { code: string; message: string; status: number } }).error
}

describe.each(transports)('CSRF check of mutations, %s', (_name, transport) => {
  it('accepts a write with the token of GET /session and its cookie', async () => {
    const t = await open(transport)
    const session = await t.session()
    const response = await write(t, session.headers)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ data: { json: { id: 1, name: 'Renamed' } } })
    expect(t.counters.calls).toBe(1)
  })

  it.each([
    ['without a token', (s: { token: string; cookie: string }) => ({ cookie: s.cookie }), /^No CSRF token: .*mizan-csrf header \(a Mizan client created with session: csrfSession\(\) sends it itself\)/],
    ['with a token nobody signed', (s: { token: string; cookie: string }) => ({ cookie: s.cookie, [csrfHeader]: forged(s.token) }), /^The CSRF token is not valid/],
    ['with a token but no cookie', (s: { token: string; cookie: string }) => ({ [csrfHeader]: s.token }), /^No mizan-csrf cookie came with the CSRF token/],
  ])('refuses a write %s: 403 CSRF, before the body, the context or the resolver', async (_case, headersOf, message) => {
    const t = await open(transport)
    const headers = headersOf(await t.session())
    // A body that is not even JSON: a 403 (not a 415) shows it was never looked at.
    const response = await write(t, { ...headers, 'content-type': 'text/plain' }, { body: 'not json' })
    const error = await refusal(response)
    expect(error).toEqual({ code: 'CSRF', status: 403, message: expect.stringMatching(message) })
    expect(t.counters).toMatchObject({ calls: 0, contexts: 0 })
  })

  it("refuses a valid token that is not the cookie's (another browser's token)", async () => {
    const t = await open(transport)
    const mine = await t.session()
    const theirs = await openSession(() => t.raw('/session'))
    expect(theirs.token).not.toBe(mine.token)
    const error = await refusal(await write(t, { cookie: mine.cookie, [csrfHeader]: theirs.token }))
    expect(error.message).toMatch(/^The CSRF token does not match the mizan-csrf cookie/)
    expect(t.counters.calls).toBe(0)
  })

  it('refuses a token verified before (it passes without a wait) when its cookie is missing or is not it', async () => {
    const t = await open(transport)
    const mine = await t.session()
    const theirs = await openSession(() => t.raw('/session'))
    // Each token passes once, so the server has verified and remembered both.
    expect((await write(t, mine.headers)).status).toBe(200)
    expect((await write(t, { cookie: theirs.cookie, [csrfHeader]: theirs.token })).status).toBe(200)
    expect((await refusal(await write(t, { cookie: mine.cookie, [csrfHeader]: theirs.token }))).message).toMatch(/^The CSRF token does not match the mizan-csrf cookie/)
    expect((await refusal(await write(t, { [csrfHeader]: mine.token }))).message).toMatch(/^No mizan-csrf cookie came with the CSRF token/)
    expect(t.counters.calls).toBe(2)
  })

  it("refuses a foreign Origin even with a valid token, naming the Origin and the server's host", async () => {
    const t = await open(transport)
    const session = await t.session()
    const error = await refusal(await write(t, { ...session.headers, origin: 'https://evil.example' }))
    expect(error.code).toBe('CSRF')
    expect(error.message).toMatch(/^Origin "https:\/\/evil\.example" may not send writes here: only this server's own origin \(host (127\.0\.0\.1:\d+|mizan\.test)\)/)
    expect(await refusal(await write(t, { ...session.headers, origin: 'null' }))).toMatchObject({ code: 'CSRF', message: expect.stringContaining('Origin "null"') })
    expect(t.counters).toMatchObject({ calls: 0, contexts: 0 })
  })

  it('refuses Sec-Fetch-Site: cross-site even with a valid token', async () => {
    const t = await open(transport)
    const session = await t.session()
    const error = await refusal(await write(t, { ...session.headers, 'sec-fetch-site': 'cross-site' }))
    expect(error).toMatchObject({ code: 'CSRF', message: expect.stringMatching(/^A cross-site request \(Sec-Fetch-Site: cross-site\)/) })
    expect(t.counters.calls).toBe(0)
  })

  it("accepts the server's own Origin and same-origin or same-site Fetch Metadata", async () => {
    const t = await open(transport)
    const session = await t.session()
    const own = t.port === undefined ? 'http://mizan.test' : `http://127.0.0.1:${t.port}`
    expect((await write(t, { ...session.headers, origin: own, 'sec-fetch-site': 'same-origin' })).status).toBe(200)
    // The scheme is not compared: behind a TLS-terminating proxy the server sees http.
    expect((await write(t, { ...session.headers, origin: own.replace('http:', 'https:'), 'sec-fetch-site': 'same-site' })).status).toBe(200)
  })

  it('accepts an origin listed in allowedOrigins, even cross-site', async () => {
    const t = await open(transport, { handler: { csrf: { allowedOrigins: ['https://app.example/'] } } })
    const session = await t.session()
    const response = await write(t, { ...session.headers, origin: 'https://app.example', 'sec-fetch-site': 'cross-site' })
    expect(response.status).toBe(200)
    expect((await write(t, { ...session.headers, origin: 'https://other.example' })).status).toBe(403)
  })

  it('checks a bundle of reads sent as POST for its site, not for a token; a GET bundle not at all', async () => {
    const t = await open(transport)
    const items = JSON.stringify([item('projects')])
    const post = (headers: Record<string, string>) => t.raw('/q', { method: 'POST', headers: { ...json, ...headers }, body: items })
    expect((await post({})).status).toBe(200)
    expect(await refusal(await post({ 'sec-fetch-site': 'cross-site' }))).toMatchObject({ code: 'CSRF' })
    expect(await refusal(await post({ origin: 'https://evil.example' }))).toMatchObject({ code: 'CSRF' })
    const get = await t.raw(`/q?items=${encodeURIComponent(items)}`, { headers: { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' } })
    expect(get.status).toBe(200)
  })

  it('issues one token per browser: a request with a valid cookie gets its token back and no new cookie', async () => {
    const t = await open(transport)
    const first = await t.raw('/session')
    expect(first.headers.get('cache-control')).toBe('no-store')
    const setCookie = first.headers.get('set-cookie')!
    expect(setCookie).toMatch(/^mizan-csrf=[\w-]{43}\.[\w-]{43}; Path=\/; SameSite=Lax; HttpOnly$/)
    const { token } = (await first.json()) as { token: string }
    const cookie = setCookie.split(';', 1)[0]!
    const again = await t.raw('/session', { headers: { cookie } })
    expect(await again.json()).toEqual({ token })
    expect(again.headers.get('set-cookie')).toBeNull()
    // A cookie that does not verify is replaced.
    const replaced = await t.raw('/session', { headers: { cookie: `mizan-csrf=${forged(token)}` } })
    expect(((await replaced.json()) as { token: string }).token).not.toBe(token)
    expect(replaced.headers.get('set-cookie')).toMatch(/^mizan-csrf=/)
  })

  it('answers GET only at /session', async () => {
    const t = await open(transport)
    const response = await t.raw('/session', { method: 'POST' })
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('GET')
  })

  it('signs with the first secret of a list and accepts tokens of every one (rotation)', async () => {
    const [oldSecret, newSecret] = ['o'.repeat(32), 'n'.repeat(32)]
    const before = await open(transport, { handler: { csrf: { secret: oldSecret } } })
    const oldSession = await before.session()
    const rotated = await open(transport, { handler: { csrf: { secret: [newSecret, oldSecret] } } })
    expect((await write(rotated, oldSession.headers)).status).toBe(200)
    const dropped = await open(transport, { handler: { csrf: { secret: newSecret } } })
    expect(await refusal(await write(dropped, oldSession.headers))).toMatchObject({ message: expect.stringMatching(/^The CSRF token is not valid/) })
  })

  it('is off with csrf: false, explicitly: writes need no token and /session answers a null token', async () => {
    const t = await open(transport, { handler: { csrf: false } })
    expect((await write(t, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })).status).toBe(200)
    const session = await t.raw('/session')
    expect(await session.json()).toEqual({ token: null })
    expect(session.headers.get('set-cookie')).toBeNull()
  })
})

describe('CSRF cookie over https (Fetch adapter)', () => {
  const handlerFor = (csrf?: { secureCookie?: boolean; cookieName?: string }) =>
    mizanFetch({ router: createHttpRouter(), endpoint: '/mizan', createContext: () => ({ user: null }), ...(csrf ? { csrf } : {}) })

  it('is Secure when the request came over https, or when secureCookie says so', async () => {
    const https = await handlerFor()(new Request('https://app.example/mizan/session'))
    expect(https.headers.get('set-cookie')).toMatch(/; HttpOnly; Secure$/)
    const http = await handlerFor()(new Request('http://app.example/mizan/session'))
    expect(http.headers.get('set-cookie')).not.toContain('Secure')
    const forced = await handlerFor({ secureCookie: true })(new Request('http://app.example/mizan/session'))
    expect(forced.headers.get('set-cookie')).toMatch(/; Secure$/)
  })

  it('takes another name, e.g. __Host- on https, and checks writes against that cookie', async () => {
    const handler = handlerFor({ cookieName: '__Host-mizan-csrf' })
    const session = await openSession(() => handler(new Request('https://app.example/mizan/session')))
    expect(session.cookie).toMatch(/^__Host-mizan-csrf=/)
    const send = (headers: Record<string, string>) => handler(new Request('https://app.example/mizan/m/renameProject', { method: 'POST', headers: { ...json, ...headers }, body }))
    expect((await send(session.headers)).status).toBe(200)
    expect((await send({ [csrfHeader]: session.token, cookie: `mizan-csrf=${session.token}` })).status).toBe(403)
  })
})

/** The same token with one character of its signature changed. */
function forged(token: string): string {
  const last = token.at(-2) === 'A' ? 'B' : 'A'
  return `${token.slice(0, -2)}${last}${token.at(-1)}`
}
