import { afterEach, describe, expect, it, vi } from 'vitest'
import { createClient, csrfSession, MizanClientError } from '../src/index.ts'
import type { AppRouter } from './fixtures/app-router.ts'

const reasonOf = async (promise: Promise<unknown>) => (await promise.then(() => undefined, (e: unknown) => e)) as MizanClientError

afterEach(() => {
  vi.unstubAllGlobals()
})

// Regression: a client made with `url: '/mizan'` in server rendering, a test or a script failed
// with "No answer from the server: Failed to parse URL", which did not say what to change.
describe('a relative url outside a browser', () => {
  it('fails reads and writes saying the url must be absolute there', async () => {
    expect(typeof (globalThis as { location?: unknown }).location).toBe('undefined')
    const c = createClient<AppRouter>({ session: csrfSession(), url: '/mizan' })
    const [read, write] = await Promise.all([reasonOf(c.projects.query()), reasonOf(c.renameProject.mutate({ id: 1, name: 'x' }))])
    const explanation = `No answer from the server: the client's url "/mizan" is relative: outside a browser it must be absolute`
    for (const [error, path] of [[read, 'projects'], [write, 'renameProject']] as const) {
      expect(error).toBeInstanceOf(MizanClientError)
      expect(error).toMatchObject({ code: 'NETWORK', status: 0, path })
    }
    expect(read.message).toBe(explanation)
    // A write's first request is the CSRF session's: its failure names the session, then why.
    expect(write.message).toBe(`No CSRF token for this write: GET /mizan/session failed 4 times (last: ${explanation}); the next write tries again`)
  })

  it('is left to a custom fetch, which may resolve it', async () => {
    const seen: string[] = []
    const c = createClient<AppRouter>({
      session: csrfSession(),
      url: '/mizan',
      fetch: async (input) => {
        seen.push(String(input))
        if (seen.length > 1) throw new TypeError('fetch failed')
        return Response.json([{ data: [] }])
      },
    })
    await expect(c.projects.query()).resolves.toEqual([])
    expect(seen).toEqual(['/mizan/q?items=%5B%5B%22projects%22%5D%5D'])
    expect((await reasonOf(c.projects.query())).message).toBe('No answer from the server: fetch failed')
  })

  it('is not blamed in a browser, where it resolves against the page', async () => {
    vi.stubGlobal('location', new URL('http://app.test/'))
    const error = await reasonOf(createClient<AppRouter>({ url: '/mizan' }).projects.query())
    expect(error).toMatchObject({ code: 'NETWORK', path: 'projects' })
    expect(error.message).toMatch(/^No answer from the server: /)
    expect(error.message).not.toContain('absolute')
  })

  it('is not blamed when an absolute url gets no answer', async () => {
    const error = await reasonOf(createClient<AppRouter>({ url: 'http://127.0.0.1:9/mizan' }).projects.query())
    expect(error).toMatchObject({ code: 'NETWORK', message: 'No answer from the server: fetch failed' })
  })
})
