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

  it('renames a project through React Query and refetches exactly what the answer invalidated, in one request', async () => {
    const page = await browser.context.newPage()
    const requests: string[] = []
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/mizan/')) requests.push(`${request.method()} ${new URL(request.url()).pathname}`)
    })
    await page.goto(`${base}/`)
    await page.waitForSelector('body[data-client="ready"]')
    await page.waitForSelector('#project-title')
    // The page's first reads (projects, tasks, the project of the task panel) went as one bundle.
    expect(requests).toEqual(['GET /mizan/q'])
    await page.fill('input[name="id"]', '1')
    await page.fill('input[name="name"]', 'Relaunch 2027')
    await page.click('#rename-form button')
    await page.waitForSelector('#directives-log li')
    expect(await page.textContent('#directives-log li')).toBe('projects (all), project exact {"id":1}')
    await page.waitForFunction(() => document.querySelector('#project-title')?.textContent === 'Tasks of Relaunch 2027')
    await page.waitForFunction(() => document.querySelector('#projects')?.textContent?.includes('#1 Relaunch 2027'))
    expect(await page.textContent('#rename-status')).toBe('Renamed #1 to Relaunch 2027.')
    // The first write fetches the CSRF token first (the page's own cookie already holds it).
    expect(requests).toEqual(['GET /mizan/q', 'GET /mizan/session', 'POST /mizan/m/renameProject', 'GET /mizan/q'])
  }, 60_000)

  it('adds a task, and only the tasks of that project refetch', async () => {
    const page = await browser.context.newPage()
    const requests: string[] = []
    await page.goto(`${base}/`)
    await page.waitForSelector('#project-title')
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/mizan/')) requests.push(`${request.method()} ${new URL(request.url()).pathname}${new URL(request.url()).search}`)
    })
    await page.fill('input[name="title"]', 'Book the launch party')
    await page.click('#task-form button')
    await page.waitForFunction(() => document.querySelector('#tasks')?.textContent?.includes('Book the launch party'))
    expect(await page.textContent('#directives-log li')).toBe('tasks partial {"projectId":1}')
    expect(requests).toHaveLength(3)
    expect(requests.slice(0, 2)).toEqual(['GET /mizan/session', 'POST /mizan/m/addTask'])
    expect(decodeURIComponent(requests[2]!)).toBe('GET /mizan/q?items=[["tasks",{"json":{"projectId":1}}]]')
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
