import { existsSync } from 'node:fs'
import { chromium } from 'playwright-core'
import type { Browser } from 'playwright-core'

export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'

/**
 * Why the browser tests cannot run here, or undefined when they can. CI installs Debian's
 * Chromium, so there a missing browser is no reason: the tests run and fail. The one line saying
 * why they were skipped is printed once per run, by `chromium-notice.ts`.
 */
export const chromiumMissing: string | undefined =
  existsSync(chromiumPath) || process.env['CI'] ? undefined : `Chromium tests skipped: no browser at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH)`

/**
 * Debian's Chromium, headless, with no background traffic. Each `browser.newContext()` is a
 * fresh profile of its own (cookies, storage, tabs): one per user in the tests.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
}
