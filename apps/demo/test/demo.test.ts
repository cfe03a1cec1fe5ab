import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDb } from '../src/db.ts'
import { createDemoApp } from '../src/server.ts'

let server: Server
let base: string
const db = openDb(':memory:')

beforeAll(async () => {
  server = createDemoApp(db).listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  db.close()
})

/** The page as a browser gets it: the token of its form's hidden field, and the cookie it set. */
async function loadPage() {
  const response = await fetch(`${base}/`)
  const token = /<input type="hidden" name="_csrf" value="([^"]+)">/.exec(await response.text())?.[1]
  return { token: token!, cookie: response.headers.get('set-cookie')!.split(';', 1)[0]! }
}

/** The form posted from the demo's own page, with its hidden CSRF field and the cookie. */
const rename = async (body: string) => {
  const { token, cookie } = await loadPage()
  return fetch(`${base}/try/rename`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, origin: base },
    body: `_csrf=${encodeURIComponent(token)}&${body}`,
  })
}

describe('demo app', () => {
  it('lists the router procedures and its data', async () => {
    const response = await fetch(`${base}/`)
    expect(response.status).toBe(200)
    const html = await response.text()
    for (const path of ['projects', 'project', 'tasks', 'renameProject', 'addTask']) expect(html).toContain(`<code>${path}</code>`)
    expect(html).toContain('Website relaunch')
  })

  it('runs a write and shows the directives it answered with', async () => {
    const response = await rename('id=2&name=App+%3Cbeta%3E')
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('&quot;context&quot;: &quot;projects&quot;')
    expect(html).toContain('&quot;kind&quot;: &quot;exact&quot;')
    expect(html).toContain('#2 App &lt;beta&gt;')
  })

  it("refuses the same form posted from another site, renaming nothing (the page's form carries a CSRF token)", async () => {
    const { token } = await loadPage()
    expect(token).toMatch(/^[\w-]+\.[\w-]+$/)
    // What a browser sends for another site's form: its Origin, Fetch Metadata, no Lax cookie.
    const response = await fetch(`${base}/try/rename`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      body: 'id=3&name=Hijacked',
    })
    expect(response.status).toBe(403)
    const html = await response.text()
    expect(html).toContain('<strong>CSRF</strong>: Origin &quot;https://evil.example&quot; may not send writes here')
    expect(html).not.toContain('Hijacked</li>')
    // Nor does a same-site post without the token get through.
    const untokened = await fetch(`${base}/try/rename`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'id=3&name=Hijacked' })
    expect(untokened.status).toBe(403)
    expect(await (await fetch(`${base}/`)).text()).not.toContain('Hijacked')
  })

  it('answers bad input with its status and message, keeping what was typed', async () => {
    const empty = await rename('id=1&name=%20%20')
    expect(empty.status).toBe(400)
    expect(await empty.text()).toContain('name: A name cannot be empty')
    const missing = await rename('id=99&name=Ghost')
    expect(missing.status).toBe(404)
    const html = await missing.text()
    expect(html).toContain('There is no project 99')
    expect(html).toContain('value="Ghost"')
  })
})

describe('demo wire endpoint', () => {
  it('serves the router at /mizan, answering a bundle of reads', async () => {
    const html = await (await fetch(`${base}/`)).text()
    const href = /id="bundle-link" href="([^"]+)"/.exec(html)?.[1]
    expect(href).toBeDefined()
    const response = await fetch(`${base}${href!.replaceAll('&amp;', '&')}`)
    expect(response.status).toBe(200)
    const answers = (await response.json()) as Array<{ data: { json: unknown } }>
    expect(answers).toHaveLength(2)
    expect(answers[1]!.data.json).toEqual({ id: 1, name: expect.any(String) })
  })
})
