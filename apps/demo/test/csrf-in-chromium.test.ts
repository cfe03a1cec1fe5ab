import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { createServer } from 'node:http'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumMissing, launchChromium } from './chromium.ts'
import { startDemo } from './e2e/start-demo.ts'
import type { RunningDemo } from './e2e/start-demo.ts'

// The demo's plain form in a real browser, with its real cookies, Origin and Fetch Metadata:
// the page's own form (scripts off) creates a project; another site's form does not.
describe.skipIf(chromiumMissing)('the plain form and CSRF, in Chromium', () => {
  let demo: RunningDemo
  let attacker: Server
  let browser: Browser

  beforeAll(async () => {
    ;[demo, browser] = await Promise.all([startDemo(), launchChromium()])
    // Another site: `localhost` is not the same site as `127.0.0.1`. Its page posts a form to the demo.
    attacker = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html')
      res.end(`<form method="post" action="${demo.base}/projects"><input name="name" value="Hijacked"></form><script>document.forms[0].submit()</script>`)
    })
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve))
  })

  afterAll(async () => {
    await browser?.close()
    await new Promise((resolve) => attacker?.close(resolve))
    await demo?.close()
  })

  it("creates a project through the page's own form with scripts off: the hidden field carries the token", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    await page.goto(`${demo.base}/projects/1`)
    await page.fill('#new-project-name', 'Made without scripts')
    await Promise.all([page.waitForURL(/\/projects\/9$/), page.click('#new-project-form button')])
    expect(await page.textContent('#project-title')).toBe('Made without scripts')
    expect(await page.textContent('#projects')).toContain('Made without scripts')
    await context.close()
  })

  it("refuses another site's form: 403 CSRF, and nothing is created", async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    const port = (attacker.address() as AddressInfo).port
    const before = demo.db.projects().length
    const [response] = await Promise.all([page.waitForResponse(`${demo.base}/projects`), page.goto(`http://localhost:${port}/`)])
    expect(response.status()).toBe(403)
    expect(demo.db.projects()).toHaveLength(before)
    await context.close()
  })
})
