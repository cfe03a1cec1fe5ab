import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumMissing, launchChromium } from '../chromium.ts'
import { checkLiveUpdates } from './live-scenario.ts'
import { redisMissing, startCluster } from './start-cluster.ts'
import type { RunningCluster } from './start-cluster.ts'

if (redisMissing && !chromiumMissing) console.log(redisMissing)

// `npm run demo:cluster`: two instance processes and a real redis-server. Ada's page talks to
// one instance, Grace's to the other: every write crosses instances through Redis.
describe.skipIf(chromiumMissing || redisMissing)('live updates across a cluster, in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mizan-cluster-'))
  let cluster: RunningCluster
  let browser: Browser

  beforeAll(async () => {
    ;[cluster, browser] = await Promise.all([startCluster(join(dir, 'demo.db')), launchChromium()])
  })
  afterAll(async () => {
    await browser?.close()
    await cluster?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it("brings a public write to the other instance's user, and a star only to the same user's tabs", async () => {
    const [adaBase, graceBase] = cluster.urls
    expect(adaBase).not.toBe(graceBase)
    await checkLiveUpdates({ browser, adaBase: adaBase!, graceBase: graceBase! })
  })
})
