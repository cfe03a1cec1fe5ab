import { afterEach, describe, expect, it, vi } from 'vitest'
import { mizanExpress } from '../../src/adapters/express.ts'
import { createHttpHandler } from '../../src/index.ts'
import { openSession } from '../fixtures/session.ts'
import { createHttpRouter } from '../http/fixtures.ts'

// The CSRF settings are checked when the handler is created: a mistake is a startup error that
// says what to write, never a check that silently lets writes through.

afterEach(() => {
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
})

const router = createHttpRouter()

describe('CSRF settings', () => {
  it('refuse to start in production without a secret, saying what to give', () => {
    vi.stubEnv('NODE_ENV', 'production')
    expect(() => createHttpHandler({ router })).toThrow(/The CSRF check needs a secret in production: .*csrf: \{ secret: process\.env\.MIZAN_CSRF_SECRET \}.*csrf: false/)
    expect(() => mizanExpress({ router, createContext: () => ({ user: null }) })).toThrow(/needs a secret in production/)
    expect(() => createHttpHandler({ router, csrf: { secret: 's'.repeat(32) } })).not.toThrow()
    expect(() => createHttpHandler({ router, csrf: false })).not.toThrow()
  })

  it('refuse a secret shorter than 32 bytes, and an empty list', () => {
    expect(() => createHttpHandler({ router, csrf: { secret: 'short' } })).toThrow(/csrf\.secret has 5 bytes; it needs at least 32/)
    expect(() => createHttpHandler({ router, csrf: { secret: new Uint8Array(31) } })).toThrow(/has 31 bytes/)
    expect(() => createHttpHandler({ router, csrf: { secret: [] } })).toThrow(/csrf\.secret is an empty list/)
    expect(() => createHttpHandler({ router, csrf: { secret: new Uint8Array(32) } })).not.toThrow()
  })

  it('refuse an allowed origin that is no origin, and a cookie name no browser stores', () => {
    expect(() => createHttpHandler({ router, csrf: { allowedOrigins: ['app.example.com'] } })).toThrow(/allowedOrigins holds "app\.example\.com", which is no origin/)
    expect(() => createHttpHandler({ router, csrf: { cookieName: 'my cookie' } })).toThrow(/cookieName "my cookie" is not a cookie name/)
  })

  it('without a secret outside production, sign with one random secret per process, warning once', async () => {
    vi.stubEnv('NODE_ENV', 'development')
    vi.resetModules()
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    // A fresh copy of the module: its process secret and warning start unused.
    const { mizanFetch: freshFetch } = await import('../../src/adapters/fetch.ts')
    const serve = () => freshFetch({ router, endpoint: '/mizan', createContext: () => ({ user: null }) })
    const [a, b] = [serve(), serve()]
    expect(warn).toHaveBeenCalledTimes(1)
    expect(String(warn.mock.calls[0]![0])).toMatch(/No CSRF secret given: .*another instance .* refuses them\. Give every instance one secret/)
    // Two handlers of one process accept each other's tokens.
    const session = await openSession(() => a(new Request('http://app.test/mizan/session')))
    const write = await b(
      new Request('http://app.test/mizan/m/renameProject', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...session.headers },
        body: JSON.stringify({ json: { id: 1, name: 'x' } }),
      }),
    )
    expect(write.status).toBe(200)
  })

  it('say nothing when a secret is given, or under NODE_ENV=test', async () => {
    vi.resetModules()
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { mizanFetch: freshFetch } = await import('../../src/adapters/fetch.ts')
    vi.stubEnv('NODE_ENV', 'development')
    freshFetch({ router, endpoint: '/mizan', createContext: () => ({ user: null }), csrf: { secret: 'x'.repeat(32) } })
    vi.stubEnv('NODE_ENV', 'test')
    freshFetch({ router, endpoint: '/mizan', createContext: () => ({ user: null }) })
    expect(warn).not.toHaveBeenCalled()
  })
})
