import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDb } from '../src/db.ts'
import { createDemoApp } from '../src/server.ts'
import { hasChromium, launchChromium } from './chromium.ts'

// The demo in a real browser: the page calls the router through the client and lists the
// directives each write answers with.
describe.skipIf(!hasChromium)('demo page in Chromium', () => {
  const db = openDb(':memory:')
  let server: Server
  let base: string
  let browser: Awaited<ReturnType<typeof launchChromium>>

  beforeAll(async () => {
    server = createDemoApp(db).listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    browser = await launchChromium()
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await new Promise((resolve) => server.close(resolve))
    db.close()
  })

  it('renames a project through the client and shows what was invalidated', async () => {
    const page = await browser.context.newPage()
    const requests: string[] = []
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/mizan/')) requests.push(`${request.method()} ${new URL(request.url()).pathname}`)
    })
    await page.goto(`${base}/`)
    await page.waitForSelector('body[data-client="ready"]')
    await page.fill('input[name="id"]', '2')
    await page.fill('input[name="name"]', 'Mobile app 2.0')
    await page.click('#rename-form button')
    await page.waitForSelector('#directives-log li')
    expect(await page.textContent('#directives-log li')).toBe('projects (all), project exact {"id":2}')
    await page.waitForFunction(() => document.querySelector('#projects')?.textContent?.includes('Mobile app 2.0'))
    expect(await page.textContent('#rename-status')).toBe('Renamed #2 to Mobile app 2.0.')
    expect(requests).toEqual(['POST /mizan/m/renameProject', 'GET /mizan/q'])
  }, 60_000)

  it('keeps what was typed and shows the message when a write is refused', async () => {
    const page = await browser.context.newPage()
    await page.goto(`${base}/`)
    await page.waitForSelector('body[data-client="ready"]')
    await page.fill('input[name="name"]', '   ')
    await page.click('#rename-form button')
    await page.waitForSelector('#rename-status.error')
    expect(await page.textContent('#rename-status')).toContain('A name cannot be empty')
    expect(await page.inputValue('input[name="name"]')).toBe('   ')
    expect(await page.$$('#directives-log li')).toHaveLength(0)
  }, 60_000)
})
