import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumMissing, launchChromium } from '../chromium.ts'
import { checkLiveUpdates } from './live-scenario.ts'
import { startDemo } from './start-demo.ts'
import type { RunningDemo } from './start-demo.ts'

// One process, memory events: writes reach other users' pages over the event stream.
describe.skipIf(chromiumMissing)('live updates between two users, in Chromium', () => {
  let demo: RunningDemo
  let browser: Browser

  beforeAll(async () => {
    ;[demo, browser] = await Promise.all([startDemo(), launchChromium()])
  })
  afterAll(async () => {
    await browser?.close()
    await demo?.close()
  })

  it("brings a public write to the other user's page, and a star only to the same user's tabs", async () => {
    let starredReadsOfGrace = -1
    await checkLiveUpdates({
      browser,
      adaBase: demo.base,
      graceBase: demo.base,
      afterPublicWrite: () => {
        starredReadsOfGrace = demo.log.reads().filter((read) => read.user === 2 && read.items?.some((item) => (item as unknown[])[0] === 'starred')).length
      },
    })
    // Counted on the server too: Grace's page never even asked for her stars again.
    expect(starredReadsOfGrace).toBe(0)
    expect(demo.db.starred(1)).toContain(5)
    expect(demo.db.starred(2)).not.toContain(5)
  })
})
