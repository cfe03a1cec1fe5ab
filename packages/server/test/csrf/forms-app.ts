import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import express from 'express'
import type { ErrorRequestHandler } from 'express'
import { afterEach } from 'vitest'
import { mizanExpress } from '../../src/adapters/express.ts'
import { mizanFetch } from '../../src/adapters/fetch.ts'
import type { CsrfOptions } from '../../src/index.ts'
import { MizanError } from '../../src/index.ts'
import { createHttpRouter } from '../http/fixtures.ts'

/**
 * An app with its own routes beside the router, guarded by the handler's CSRF check: `GET /form`
 * renders a form with the hidden token field (twice, as a page with two forms would), `POST
 * /rename` and `POST /upload` take form posts and record the `name` field they read afterwards.
 */
export interface FormsApp {
  send(path: string, init?: RequestInit): Promise<Response>
  /** The `name` of every post a route accepted, as the route read it after the check. */
  readonly renamed: string[]
  /** The app's own origin, e.g. `http://127.0.0.1:4321`. */
  readonly origin: string
  close(): Promise<void>
}

export interface FormsAppOptions {
  readonly csrf?: CsrfOptions | false
  /** Express only: mount `express.urlencoded({ extended: true })` before the check. */
  readonly urlencodedParserFirst?: boolean
}

// A refusal as the app shows it: its status, code and message.
const showError: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
  const mizanError = error instanceof MizanError ? error : new MizanError({ code: 'INTERNAL', message: String(error) })
  res.status(mizanError.status).json({ code: mizanError.code, message: mizanError.message })
}

export async function expressFormsApp(options: FormsAppOptions = {}): Promise<FormsApp> {
  const renamed: string[] = []
  const mizan = mizanExpress({ router: createHttpRouter(), createContext: () => ({ user: null }), ...(options.csrf === undefined ? {} : { csrf: options.csrf }) })
  const app = express()
  app.use('/mizan', mizan)
  app.get('/form', async (req, res) => {
    res.type('html').send(`<form method="post" action="/rename">${await mizan.csrfField(req)}</form><form>${await mizan.csrfField(req)}</form>`)
  })
  if (options.urlencodedParserFirst) app.use(express.urlencoded({ extended: true }))
  app.use(mizan.csrf)
  // A parser mounted after the check: it finds the body the check parsed.
  app.use(express.urlencoded({ extended: false }))
  app.post(['/rename', '/upload'], (req, res) => {
    renamed.push(String((req.body as { name?: unknown } | undefined)?.name))
    res.status(204).end()
  })
  app.use(showError)
  const server: Server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    send: (path, init) => fetch(`${origin}${path}`, init),
    renamed,
    origin,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export async function fetchFormsApp(options: FormsAppOptions = {}): Promise<FormsApp> {
  const renamed: string[] = []
  const handler = mizanFetch({ router: createHttpRouter(), endpoint: '/mizan', createContext: () => ({ user: null }), ...(options.csrf === undefined ? {} : { csrf: options.csrf }) })
  const origin = 'http://app.test'
  const app = async (request: Request): Promise<Response> => {
    const { pathname } = new URL(request.url)
    if (pathname.startsWith('/mizan/')) return handler(request)
    if (pathname === '/form') {
      const [first, second] = [await handler.csrfField(request), await handler.csrfField(request)]
      return new Response(`<form method="post" action="/rename">${first.html}</form><form>${second.html}</form>`, { headers: { 'content-type': 'text/html', ...second.headers } })
    }
    try {
      await handler.checkCsrf(request)
    } catch (error) {
      if (!(error instanceof MizanError)) throw error
      return Response.json({ code: error.code, message: error.message }, { status: error.status })
    }
    if (request.method === 'GET') return new Response('A form route')
    // The check read a clone: the body is still the app's to read.
    renamed.push(String((await request.formData()).get('name')))
    return new Response(null, { status: 204 })
  }
  return {
    send: (path, init) => app(new Request(`${origin}${path}`, init)),
    renamed,
    origin,
    close: async () => {},
  }
}

export const formsApps = [
  ['Express', expressFormsApp],
  ['Fetch', fetchFormsApp],
] as const

/** Opens apps for a test and closes them after it. */
export function openFormsPerTest(): (start: (options?: FormsAppOptions) => Promise<FormsApp>, options?: FormsAppOptions) => Promise<FormsApp> {
  const opened: FormsApp[] = []
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((app) => app.close()))
  })
  return async (start, options) => {
    const app = await start(options)
    opened.push(app)
    return app
  }
}
