import { describe, expect, it } from 'vitest'
import { chromiumMissing } from '../chromium.ts'
import { errorsOf, openBoard } from './board.ts'
import { demoInChromium } from './demo-in-chromium.ts'

// The server renders the board with its data; the browser hydrates it from the page's data tag
// and reads nothing more until something changes.
describe.skipIf(chromiumMissing)('first load, in Chromium', () => {
  const running = demoInChromium()

  it("puts the page's data in its HTML: names, tasks, the user's stars, and the data tag", async () => {
    const html = await (await fetch(`${running.demo.base}/projects/7`, { headers: { cookie: 'mizan-demo-user=1' } })).text()
    expect(html).toContain('<h1 id="project-title">Apollo</h1>')
    expect(html).toContain('Book the launch venue')
    expect(html).toMatch(/<ul id="starred"[^>]*><li data-project="1">/)
    expect(html).toContain('Ada Lovelace')
    expect(html).toContain('<script id="__MIZAN_SSR_DATA__" type="application/json">')
  })

  it('makes zero Mizan read requests after hydration, counted on the server', async () => {
    const context = await running.browser.newContext()
    running.demo.log.clear()
    // Hydrated, and its event stream open: the page has done everything it does on load.
    const page = await openBoard(context, running.demo.base, 7)
    await page.waitForTimeout(300)
    expect(await page.textContent('#project-title')).toBe('Apollo')
    expect(errorsOf(page)).toEqual([])
    expect(running.demo.log.reads()).toEqual([])
    expect(running.demo.log.mutations()).toEqual([])
    // What it did fetch: the document, its assets, and the event stream.
    expect(running.demo.log.all.map((request) => request.path).filter((path) => path.startsWith('/mizan'))).toEqual(['/mizan/events'])
    // Production, not asked for: the Devtools panel's chunk is never downloaded.
    expect(running.demo.log.all.filter((request) => request.path.startsWith('/assets/devtools'))).toEqual([])
    await context.close()
  })
})
