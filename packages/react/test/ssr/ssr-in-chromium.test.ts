// @vitest-environment node
import type { Page } from 'playwright-core'
import superjson from 'superjson'
import type { SuperJSONResult } from 'superjson'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ssrDataElementId } from '../../src/index.ts'
import { chromiumAvailable, launchChromium } from './fixture/chromium.ts'
import type { SsrTestHooks } from './fixture/ssr-page.tsx'
import { hostileProject } from './fixture/ssr-router.ts'
import { startSsrServer } from './fixture/ssr-server.tsx'

// Acceptance 2 and 3 of issue 13, in a real browser, for a streamed page (the whole document,
// renderToStream) and a page rendered to a string inside a template (renderToHtml).
declare global {
  interface Window {
    __ssrTest?: SsrTestHooks
    __hydrationErrors?: string[]
    __pwned?: boolean
  }
}

const routes = ['stream', 'string'] as const

describe.skipIf(!chromiumAvailable())('server-rendered pages in Chromium', () => {
  let live: Awaited<ReturnType<typeof startSsrServer>>
  let browser: Awaited<ReturnType<typeof launchChromium>>

  beforeAll(async () => {
    live = await startSsrServer()
    browser = await launchChromium()
    await browser.context.addCookies([{ name: 'user', value: 'user-7', url: live.base }])
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    await live?.close()
  })
  beforeEach(() => live.reset())

  /** Opens a page and waits until it has hydrated; what went wrong on it is collected. */
  async function open(route: string) {
    const page = await browser.context.newPage()
    const problems: string[] = []
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`)
      void dialog.dismiss()
    })
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`)
    })
    await page.goto(`${live.base}/${route}`)
    await page.waitForFunction(() => window.__ssrTest !== undefined)
    return { page, problems }
  }

  // Every read the page sent before this has been answered, and so logged by the server.
  async function readsSoFar(page: Page) {
    await page.evaluate(() => window.__ssrTest!.marker())
    return { reads: live.log.reads.filter((read) => read !== 'marker'), bundles: live.log.bundles - 1 }
  }

  describe.each(routes)('/%s', (route) => {
    it('round-trips hostile strings, a Date, a Map and undefined unchanged, and runs none of them', async () => {
      const { page, problems } = await open(route)
      const hooks = await page.evaluate(() => ({ data: window.__ssrTest!.data, text: window.__ssrTest!.text }))
      const expected = hostileProject(1)

      // The values the browser hydrated, with their classes and the undefined property.
      expect(superjson.deserialize(hooks.data['project'] as SuperJSONResult)).toStrictEqual(expected)
      expect(superjson.deserialize(hooks.data['me'] as SuperJSONResult)).toStrictEqual({
        user: 'user-7',
        secret: 'secret of user-7',
        at: new Date(Date.UTC(2025, 0, 1)),
      })
      // What the page shows of them, after hydration.
      expect(hooks.text).toMatchObject({
        me: 'user-7: secret of user-7',
        title: expected.title,
        flag: expected.flag,
        'comment-open': expected.commentOpen,
        'commented-script': expected.commentedScript,
        'line-separator': expected.lineSeparator,
        'paragraph-separator': expected.paragraphSeparator,
        at: expected.at.toISOString(),
        tags: [...expected.tags.keys()].join('|'),
        archived: 'undefined',
      })
      expect(hooks.text['board']).toMatch(/^board main v\d+$/)

      // Nothing the data holds ran, and the page is whole: one data tag, no script but the page's
      // own, no hydration mismatch, no error.
      expect(await page.evaluate(() => window.__pwned)).toBeUndefined()
      const page_ = await page.evaluate((id) => ({
        tags: document.querySelectorAll(`script[id="${id}"]`).length,
        scripts: [...document.scripts].filter((script) => script.type !== 'application/json').map((script) => script.src || script.text),
        hydrationErrors: window.__hydrationErrors,
      }), ssrDataElementId)
      expect(page_.tags).toBe(1)
      for (const script of page_.scripts) expect(script).not.toMatch(/alert|__pwned/)
      expect(page_.scripts).toContain(`${live.base}/app.js`)
      expect(page_.hydrationErrors).toEqual([])
      expect(problems).toEqual([])
      await page.close()
    }, 60_000)

    it('reads nothing on mount for ordinary queries and a named provider; a write still refetches them, in one request', async () => {
      const { page, problems } = await open(route)
      expect(await readsSoFar(page)).toEqual({ reads: [], bundles: 0 })
      const version = Number((await page.textContent('#board'))?.replace('board main v', ''))

      live.reset()
      // The write names `board({ slug: 'main' })`, as its schema parsed it; the page keyed the
      // board `' main '`. Both it and `project` (whole) refetch, `me` does not.
      await page.evaluate(() => window.__ssrTest!.rename())
      const after = await readsSoFar(page)
      expect(after.reads.toSorted()).toEqual(['board main', 'project 1'])
      expect(after.bundles).toBe(1)
      await page.waitForFunction((text) => document.getElementById('board')?.textContent === text, `board main v${version + 1}`)
      expect(problems).toEqual([])
      await page.close()
    }, 60_000)
  })
})
