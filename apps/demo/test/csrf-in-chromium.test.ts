import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { createServer } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDb } from '../src/db.ts'
import { createDemoApp } from '../src/server.ts'
import { hasChromium, launchChromium } from './chromium.ts'

// The demo's plain form in a real browser, with its real cookies, Origin and Fetch Metadata:
// the page's own form (scripts off) renames a project; another site's form, which renamed one
// before the CSRF check, no longer does.
describe.skipIf(!hasChromium)('the demo form and CSRF, in Chromium', () => {
  const db = openDb(':memory:')
  let demo: Server
  let attacker: Server
  let base: string
  let browser: Awaited<ReturnType<typeof launchChromium>>

  const listen = async (server: Server) => {
    server.listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    return (server.address() as AddressInfo).port
  }

  beforeAll(async () => {
    demo = createServer(createDemoApp(db))
    base = `http://127.0.0.1:${await listen(demo)}`
    // Another site: `localhost` is not the same site as `127.0.0.1`. Its page posts a form to the demo.
    attacker = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html')
      res.end(`<form method="post" action="${base}/try/rename"><input name="id" value="2"><input name="name" value="Hijacked"></form><script>document.forms[0].submit()</script>`)
    })
    await listen(attacker)
    browser = await launchChromium()
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await Promise.all([demo, attacker].map((server) => new Promise((resolve) => server?.close(resolve))))
    db.close()
  })

  it("renames a project through the page's own form with scripts off: the hidden field carries the token", async () => {
    const page = await browser.context.newPage()
    // Without the React app, the server-rendered form is what the user submits.
    await page.route('**/app.js', (route) => route.abort())
    await page.goto(`${base}/`)
    await page.fill('input[name="id"]', '1')
    await page.fill('input[name="name"]', 'Renamed without scripts')
    const [response] = await Promise.all([page.waitForNavigation(), page.click('#rename-form button')])
    expect(response?.status()).toBe(200)
    expect(await page.textContent('#projects')).toContain('#1 Renamed without scripts')
    await page.close()
  }, 60_000)

  it("refuses another site's form: 403 CSRF, and the project keeps its name", async () => {
    const page = await browser.context.newPage()
    const port = (attacker.address() as AddressInfo).port
    const [response] = await Promise.all([page.waitForResponse(`${base}/try/rename`), page.goto(`http://localhost:${port}/`)])
    expect(response.status()).toBe(403)
    expect(await response.text()).toContain('<strong>CSRF</strong>')
    expect(db.project(2)?.name).not.toBe('Hijacked')
    await page.close()
  }, 60_000)
})
