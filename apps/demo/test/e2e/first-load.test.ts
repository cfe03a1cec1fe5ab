import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumMissing, launchChromium } from '../chromium.ts'
import { errorsOf, openBoard } from './board.ts'
import { startDemo } from './start-demo.ts'
import type { RunningDemo } from './start-demo.ts'

// The server renders the board with its data; the browser hydrates it from the page's data tag
// and reads nothing more until something changes.
describe.skipIf(chromiumMissing)('first load, in Chromium', () => {
  let demo: RunningDemo
  let browser: Browser

  beforeAll(async () => {
    ;[demo, browser] = await Promise.all([startDemo(), launchChromium()])
  })
  afterAll(async () => {
    await browser?.close()
    await demo?.close()
  })

  it("puts the page's data in its HTML: names, tasks, the user's stars, and the data tag", async () => {
    const html = await (await fetch(`${demo.base}/projects/7`, { headers: { cookie: 'mizan-demo-user=1' } })).text()
    expect(html).toContain('<h1 id="project-title">Apollo</h1>')
    expect(html).toContain('Book the launch venue')
    expect(html).toMatch(/<ul id="starred"[^>]*><li data-project="1">/)
    expect(html).toContain('Ada Lovelace')
    expect(html).toContain('<script id="__MIZAN_SSR_DATA__" type="application/json">')
  })

  it('makes zero Mizan read requests after hydration, counted on the server', async () => {
    const context = await browser.newContext()
    demo.log.clear()
    // Hydrated, and its event stream open: the page has done everything it does on load.
    const page = await openBoard(context, demo.base, 7)
    await page.waitForTimeout(300)
    expect(await page.textContent('#project-title')).toBe('Apollo')
    expect(errorsOf(page)).toEqual([])
    expect(demo.log.reads()).toEqual([])
    expect(demo.log.mutations()).toEqual([])
    // What it did fetch: the document, its assets, and the event stream.
    expect(demo.log.all.map((request) => request.path).filter((path) => path.startsWith('/mizan'))).toEqual(['/mizan/events'])
    // Production, not asked for: the Devtools panel's chunk is never downloaded.
    expect(demo.log.all.filter((request) => request.path.startsWith('/assets/devtools'))).toEqual([])
    await context.close()
  })
})
