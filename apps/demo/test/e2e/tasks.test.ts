import { describe, expect, it } from 'vitest'
import { chromiumMissing } from '../chromium.ts'
import { openBoard, waitForText } from './board.ts'
import { demoInChromium } from './demo-in-chromium.ts'

// Task writes name scoped instances: a move invalidates both projects it touches, and only the
// one on screen refetches; the other is fetched when it is opened.
describe.skipIf(chromiumMissing)('task writes, in Chromium', () => {
  const running = demoInChromium()

  it('completes a task: the detail and the open count refetch, in one request', async () => {
    const context = await running.browser.newContext()
    const page = await openBoard(context, running.demo.base, 7)
    running.demo.log.clear()
    await page.check('li[data-task="13"] input[type="checkbox"]')
    await page.waitForSelector('li[data-task="13"].done')
    await waitForText(page, '#projects li[data-project="7"] .count', '2')
    expect(running.demo.log.reads().map((read) => read.items)).toEqual([[['projects'], ['project', { json: { id: 7 } }]]])
    await context.close()
  })

  it('moves a task: both projects are invalidated, the one on screen refetches, the other loads when opened', async () => {
    const context = await running.browser.newContext()
    const page = await openBoard(context, running.demo.base, 7)
    running.demo.log.clear()
    await page.selectOption('li[data-task="15"] select', '2')
    await page.waitForSelector('li[data-task="15"]', { state: 'detached' })
    await page.waitForSelector('li[data-task] select:not([disabled])')
    expect(await page.textContent('#activity')).toContain('projects, project({"id":7}), project({"id":2})')
    expect(running.demo.log.reads().map((read) => read.items)).toEqual([[['projects'], ['project', { json: { id: 7 } }]]])

    // Opened without a page load: one read, for the project now on screen.
    await page.click('#projects li[data-project="2"] a')
    await waitForText(page, '#tasks', 'Dry run')
    expect(page.url()).toMatch(/\/projects\/2$/)
    expect(running.demo.log.reads().map((read) => read.items).at(-1)).toEqual([['project', { json: { id: 2 } }]])
    await context.close()
  })
})
