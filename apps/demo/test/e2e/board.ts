import type { BrowserContext, Page } from 'playwright-core'

/** A browser profile acting as one demo user (the demo's cookie; there is no real sign-in). */
export async function contextAs(context: BrowserContext, base: string, userId: number): Promise<BrowserContext> {
  await context.addCookies([{ name: 'mizan-demo-user', value: String(userId), url: base }])
  return context
}

/**
 * Opens a project's board and resolves once it is hydrated; with `live`, also once its event
 * stream answered (a tab of a profile that already has one follows it instead: pass false).
 * `query` is added to the URL (`?devtools`).
 */
export async function openBoard(context: BrowserContext, base: string, projectId: number, { live = true, query = '' } = {}): Promise<Page> {
  const page = await context.newPage()
  const errors: string[] = []
  pageErrors.set(page, errors)
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  const stream = live ? page.waitForResponse((response) => new URL(response.url()).pathname === '/mizan/events', { timeout: 15_000 }) : undefined
  // Settled here too, so that a page that fails earlier leaves no rejection unhandled.
  stream?.catch(() => {})
  const response = await page.goto(`${base}/projects/${projectId}${query}`)
  if (response?.status() !== 200) throw new Error(`${response?.url()} answered ${response?.status()}`)
  await page.waitForSelector('body[data-hydrated="true"]')
  await stream
  return page
}

const pageErrors = new WeakMap<Page, string[]>()

/** What a board opened by `openBoard` reported as errors (a hydration mismatch, an exception). */
export function errorsOf(page: Page): readonly string[] {
  return pageErrors.get(page) ?? []
}

/** Waits until the element's text holds `text` (a live update: bounded generously). */
export async function waitForText(page: Page, selector: string, text: string, timeout = 15_000): Promise<void> {
  await page.waitForFunction(([selector, text]) => document.querySelector(selector!)?.textContent?.includes(text!) ?? false, [selector, text] as const, { timeout })
}

export async function renameProject(page: Page, name: string): Promise<void> {
  await page.click('#rename-toggle')
  await page.fill('#rename-name', name)
  await page.click('#rename-submit')
}

export async function addTask(page: Page, title: string): Promise<void> {
  await page.fill('#task-title', title)
  await page.click('#add-task-submit')
}
