import { describe, expect, it } from 'vitest'
import { chromiumMissing } from '../chromium.ts'
import { addTask, openBoard, renameProject } from './board.ts'
import { demoInChromium } from './demo-in-chromium.ts'

// Validation happens on the server (zod); its issues come back with the field's path, and the
// page shows each message next to its field. Nothing is written, nothing refetches.
describe.skipIf(chromiumMissing)('invalid input, in Chromium', () => {
  const running = demoInChromium()

  it("shows the name's message next to the name field, keeps what was typed, and writes nothing", async () => {
    const context = await running.browser.newContext()
    const page = await openBoard(context, running.demo.base, 2)
    running.demo.log.clear()
    await renameProject(page, '   ')
    await page.waitForSelector('#rename-name-error')
    expect(await page.textContent('#rename-name-error')).toBe('A project needs a name')
    expect(await page.getAttribute('#rename-name', 'aria-invalid')).toBe('true')
    expect(await page.inputValue('#rename-name')).toBe('   ')
    expect(await page.isEnabled('#rename-submit')).toBe(true)

    await page.fill('#rename-name', 'x'.repeat(61))
    await page.click('#rename-submit')
    await page.waitForFunction(() => document.querySelector('#rename-name-error')?.textContent === 'Keep the name under 60 characters')

    await addTask(page, '')
    await page.waitForSelector('#task-title-error')
    expect(await page.textContent('#task-title-error')).toBe('Give the task a title')

    expect(running.demo.db.project(2)).toMatchObject({ name: 'Mobile app', tasks: [{ title: 'Sketch the onboarding' }, { title: 'Set up push notifications' }] })
    expect(running.demo.log.mutations()).toHaveLength(3)
    expect(running.demo.log.reads()).toEqual([])
    await context.close()
  })

  it("shows the plain form's message next to its field after the redirect, and creates no project", async () => {
    const context = await running.browser.newContext()
    const page = await openBoard(context, running.demo.base, 2)
    const before = running.demo.db.projects().length
    await page.fill('#new-project-name', ' ')
    await Promise.all([page.waitForURL(/newProjectError=/), page.click('#new-project-form button')])
    expect(await page.textContent('#new-project-error')).toBe('A project needs a name')
    expect(running.demo.db.projects()).toHaveLength(before)
    await context.close()
  })
})
