import { describe, expect, it } from 'vitest'
import { chromiumMissing } from '../chromium.ts'
import { checkLiveUpdates } from './live-scenario.ts'
import { demoInChromium } from './demo-in-chromium.ts'

// One process, memory events: writes reach other users' pages over the event stream.
describe.skipIf(chromiumMissing)('live updates between two users, in Chromium', () => {
  const running = demoInChromium()

  it("brings a public write to the other user's page, and a star only to the same user's tabs", async () => {
    let starredReadsOfGrace = -1
    await checkLiveUpdates({
      browser: running.browser,
      adaBase: running.demo.base,
      graceBase: running.demo.base,
      afterPublicWrite: () => {
        starredReadsOfGrace = running.demo.log.reads().filter((read) => read.user === 2 && read.items?.some((item) => (item as unknown[])[0] === 'starred')).length
      },
    })
    // Counted on the server too: Grace's page never even asked for her stars again.
    expect(starredReadsOfGrace).toBe(0)
    expect(running.demo.db.starred(1)).toContain(5)
    expect(running.demo.db.starred(2)).not.toContain(5)
  })
})
