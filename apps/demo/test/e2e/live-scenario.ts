import type { Browser } from 'playwright-core'
import { expect } from 'vitest'
import { addTask, contextAs, openBoard, renameProject, waitForText } from './board.ts'

export interface LiveScenarioOptions {
  readonly browser: Browser
  /** Where Ada (user 1) and Grace (user 2) open the board: one instance, or two of a cluster. */
  readonly adaBase: string
  readonly graceBase: string
  /** Called once Grace's page has seen Ada's later public write, before the star is checked. */
  readonly afterPublicWrite?: () => void
}

/**
 * Two users in two browser profiles, with no reload anywhere: a public write by Ada reaches
 * Grace's page; Ada's star (user-scoped) reaches Ada's second tab and never Grace, which is
 * checked only after a later public write of Ada's has reached Grace, so "not yet" cannot pass
 * for "never".
 */
export async function checkLiveUpdates({ browser, adaBase, graceBase, afterPublicWrite }: LiveScenarioOptions): Promise<void> {
  const ada = await contextAs(await browser.newContext(), adaBase, 1)
  const grace = await contextAs(await browser.newContext(), graceBase, 2)
  try {
    const adaPage = await openBoard(ada, adaBase, 1)
    const gracePage = await openBoard(grace, graceBase, 1)

    await renameProject(adaPage, 'Website relaunch (live)')
    await waitForText(gracePage, '#project-title', 'Website relaunch (live)')
    await waitForText(gracePage, '#projects li[data-project="1"]', 'Website relaunch (live)')
    expect(await gracePage.textContent('#activity')).toContain('another user or device')

    // Ada's second tab follows the first one's stream (one per profile), relayed between tabs.
    const adaTab = await openBoard(ada, adaBase, 3, { live: false })
    expect(await adaTab.textContent('#starred')).not.toContain('Onboarding emails')
    await adaPage.click('#projects li[data-project="5"] .star')
    await waitForText(adaTab, '#starred', 'Onboarding emails')

    await addTask(adaPage, 'Arrived live')
    await waitForText(gracePage, '#tasks', 'Arrived live')
    afterPublicWrite?.()
    expect(await gracePage.textContent('#starred')).not.toContain('Onboarding emails')
    expect(await gracePage.getAttribute('#projects li[data-project="5"] .star', 'aria-pressed')).toBe('false')
  } finally {
    await Promise.all([ada.close(), grace.close()])
  }
}
