import { describe, expect, it, vi } from 'vitest'
import { createHttpHandler } from '../../src/index.ts'
import type { HttpHandler, HttpRequest } from '../../src/index.ts'
import type { HttpRouter } from './fixtures.ts'
import { createCounters, createHttpRouter } from './fixtures.ts'

function request(overrides: Partial<HttpRequest>): HttpRequest {
  return {
    method: 'POST',
    path: '/m/renameProject',
    query: '',
    headers: { 'content-type': 'application/json' },
    readBody: async () => '',
    signal: undefined,
    ...overrides,
  }
}

/** The headers of a write with a token from the core's own `GET /session` (a browser's cookie jar, by hand). */
async function sessionHeaders(handle: HttpHandler<HttpRouter>) {
  const response = await handle(request({ method: 'GET', path: '/session' }), () => ({ user: null }))
  const { token } = JSON.parse(response.body as string) as { token: string }
  return { 'content-type': 'application/json', cookie: response.headers['set-cookie']!.split(';', 1)[0]!, 'mizan-csrf': token }
}

describe('the handler core', () => {
  it('refuses a Content-Length over the limit before reading anything, with 413 and Connection: close', async () => {
    const counters = createCounters()
    const handle = createHttpHandler({ router: createHttpRouter(counters) })
    const readBody = vi.fn(async () => '{}')
    const createContext = vi.fn(() => ({ user: null }))
    const response = await handle(
      request({ headers: { ...(await sessionHeaders(handle)), 'content-length': String(1024 * 1024 + 1) }, readBody }),
      createContext,
    )
    expect(response.status).toBe(413)
    expect(response.headers['connection']).toBe('close')
    expect(JSON.parse(response.body as string)).toEqual({
      error: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is larger than 1048576 bytes', status: 413 },
    })
    expect(readBody).not.toHaveBeenCalled()
    expect(createContext).not.toHaveBeenCalled()
    expect(counters.calls).toBe(0)
  })

  it('defaults to a 1 MB body limit and 50 items', async () => {
    const handle = createHttpHandler({ router: createHttpRouter() })
    const readBody = vi.fn(async () => '')
    const ok = await handle(request({ headers: { ...(await sessionHeaders(handle)), 'content-length': String(1024 * 1024) }, readBody }), () => ({ user: null }))
    expect(ok.status).not.toBe(413)
    expect(readBody).toHaveBeenCalledWith(1024 * 1024)
    const items = JSON.stringify(Array.from({ length: 51 }, () => ['projects']))
    const tooMany = await handle(request({ path: '/q', readBody: async () => items }), () => ({ user: null }))
    expect(tooMany.status).toBe(400)
  })

  it('answers an error thrown by createContext with its status', async () => {
    const { MizanError } = await import('../../src/index.ts')
    const handle = createHttpHandler({ router: createHttpRouter() })
    const response = await handle(request({ method: 'GET', path: '/q', query: 'items=%5B%5B%22projects%22%5D%5D' }), () => {
      throw new MizanError({ code: 'UNAUTHORIZED', message: 'Session expired' })
    })
    expect(response.status).toBe(401)
    expect(JSON.parse(response.body as string)).toEqual({ error: { code: 'UNAUTHORIZED', message: 'Session expired', status: 401 } })
  })

  it('checks invalidation targets when created: a startup error', async () => {
    const { initMizan } = await import('../../src/index.ts')
    const m = initMizan.create()
    const orphan = m.context.query(() => 1)
    const write = m.mutation.run(() => 1).invalidates([orphan])
    expect(() => createHttpHandler({ router: m.router({ write }) })).toThrow(/Mutation "write" invalidates the context defined at/)
  })
})
