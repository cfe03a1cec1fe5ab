import { describe, expect, it } from 'vitest'
import { chromiumMissing } from '../chromium.ts'
import { errorsOf, openBoard, renameProject, waitForText } from './board.ts'
import { demoInChromium } from './demo-in-chromium.ts'

// The mission in one write: the server says what renaming project 7 changed, and exactly the
// queries on screen that showed project 7 refetch, together.
describe.skipIf(chromiumMissing)('renaming project 7, in Chromium', () => {
  const running = demoInChromium({ development: true })

  it('sends one mutation and at most one bundled read, holding only the contexts that showed project 7', async () => {
    const context = await running.browser.newContext()
    // `?devtools`: the Mizan Devtools panel, open, in its own chunk.
    const page = await openBoard(context, running.demo.base, 7, { query: '?devtools' })
    await page.waitForSelector('section[aria-label="Mizan Devtools"]')
    running.demo.log.clear()
    await renameProject(page, 'Apollo 11')
    // The new name in the detail and in the sidebar list.
    await waitForText(page, '#project-title', 'Apollo 11')
    await waitForText(page, '#projects li[data-project="7"]', 'Apollo 11')
    // The button stays pending until the refetch landed (awaitInvalidation): then all is in.
    await page.waitForSelector('#rename-form', { state: 'detached' })

    expect(running.demo.log.mutations().map((request) => request.path)).toEqual(['/mizan/m/renameProject'])
    const reads = running.demo.log.reads()
    expect(reads).toHaveLength(1)
    // The list and this project; not the user's profile or stars, not another project.
    expect(reads[0]!.items).toEqual([['projects'], ['project', { json: { id: 7 } }]])
    expect(running.demo.db.project(7)?.name).toBe('Apollo 11')
    expect(await page.textContent('#activity')).toContain('projects, project({"id":7})')
    expect(errorsOf(page)).toEqual([])
    await context.close()
  })

  it('shows it all in the Devtools panel: the directives, the queries they hit, the one request, the graph', async () => {
    const context = await running.browser.newContext()
    const page = await openBoard(context, running.demo.base, 7, { query: '?devtools' })
    const panel = page.locator('section[aria-label="Mizan Devtools"]')
    await panel.waitFor()
    await renameProject(page, 'Apollo 12')
    await page.waitForSelector('#rename-form', { state: 'detached' })

    const directives = panel.locator('[data-directive]')
    expect(await directives.evaluateAll((rows) => rows.map((row) => [row.getAttribute('data-directive'), row.getAttribute('data-source')]))).toEqual([
      ['projects', 'response'],
      ['project({"id":7})', 'response'],
    ])
    // Each hit the one query on screen, refetched in the same request.
    const hits = await panel.locator('[data-hit]').evaluateAll((rows) => rows.map((row) => ({ key: row.textContent, refetched: row.getAttribute('data-refetched'), request: row.getAttribute('data-request') })))
    expect(hits.map((hit) => hit.key?.split(' ')[0])).toEqual(['projects', 'project({"id":7})'])
    expect(hits.every((hit) => hit.refetched === 'true')).toBe(true)
    expect(new Set(hits.map((hit) => hit.request)).size).toBe(1)
    expect(hits[0]!.request).not.toBe('')
    expect(await panel.locator('[data-unmatched]').count()).toBe(0)
    // The graph: renameProject -> projects, project (dynamic targets, drawn as answers show them).
    await panel.locator('[data-edge="renameProject->projects"]').waitFor({ state: 'attached' })
    await panel.locator('[data-edge="renameProject->project"]').waitFor({ state: 'attached' })
    expect(errorsOf(page)).toEqual([])
    await context.close()
  })
})
