import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { launchChromium } from '../test/chromium.ts'
import { contextAs, openBoard, renameProject, waitForText } from '../test/e2e/board.ts'
import { startDemo } from '../test/e2e/start-demo.ts'

const viewport = { width: 1200, height: 720 }

/**
 * Saves the board's main states as PNGs in `outDir`, from a fresh demo on a fresh database (so
 * every run gives the same pictures), and returns the files written.
 */
export async function takeScreenshots(outDir: string): Promise<string[]> {
  mkdirSync(outDir, { recursive: true })
  // Development: the Devtools panel draws the router's invalidation map.
  const [demo, browser] = await Promise.all([startDemo({ development: true }), launchChromium()])
  const files: string[] = []
  const shoot = async (page: Awaited<ReturnType<typeof openBoard>>, name: string) => {
    const file = join(outDir, `${name}.png`)
    await page.screenshot({ path: file })
    files.push(file)
  }
  try {
    const ada = await contextAs(await browser.newContext({ viewport }), demo.base, 1)
    const grace = await contextAs(await browser.newContext({ viewport }), demo.base, 2)
    const adaPage = await openBoard(ada, demo.base, 7)
    const gracePage = await openBoard(grace, demo.base, 7)

    // Ada renames project 7: her page says what the write refetched...
    await renameProject(adaPage, 'Apollo 11')
    await adaPage.waitForSelector('#rename-form', { state: 'detached' })
    await shoot(adaPage, 'board-after-rename')
    // ...and Grace's page, on its own event stream, shows the new name without a reload.
    await waitForText(gracePage, '#project-title', 'Apollo 11')
    await shoot(gracePage, 'other-user-live')

    // The same write seen in the Devtools panel: directives, queries hit, the request, the map.
    const devtoolsPage = await openBoard(ada, demo.base, 7, { query: '?devtools', live: false })
    // The panel records from when it mounts (its chunk loads after hydration).
    await devtoolsPage.waitForSelector('section[aria-label="Mizan Devtools"]')
    await renameProject(devtoolsPage, 'Apollo 13')
    await devtoolsPage.waitForSelector('[data-edge="renameProject->project"]', { state: 'attached' })
    await devtoolsPage.waitForSelector('#rename-form', { state: 'detached' })
    await shoot(devtoolsPage, 'devtools')
    await devtoolsPage.close()

    // A refused write: the server's message next to the field.
    await renameProject(adaPage, '   ')
    await adaPage.waitForSelector('#rename-name-error')
    await shoot(adaPage, 'validation-error')
  } finally {
    await browser.close()
    await demo.close()
  }
  return files
}
