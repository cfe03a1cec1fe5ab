import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { launchChromium } from '../chromium.ts'
import { startDemo } from './start-demo.ts'
import type { RunningDemo } from './start-demo.ts'

export interface DemoInChromium {
  /** Set before the first test of the describe block. */
  demo: RunningDemo
  browser: Browser
}

/**
 * The setup the single-process browser tests share, called inside their `describe`: the demo
 * (started as `startDemo(options)`) and Chromium, both up before the block's first test and
 * closed after its last. Read `demo` and `browser` from the returned object inside the tests.
 * Browser contexts a test left open (it failed before closing them) are closed after it: their
 * pages would otherwise keep listening to the demo's events and add reads to the next test's count.
 */
export function demoInChromium(options?: Parameters<typeof startDemo>[0]): DemoInChromium {
  const running = {} as DemoInChromium
  beforeAll(async () => {
    ;[running.demo, running.browser] = await Promise.all([startDemo(options), launchChromium()])
  })
  afterEach(async () => {
    await Promise.all(running.browser?.contexts().map((context) => context.close()) ?? [])
  })
  afterAll(async () => {
    await running.browser?.close()
    await running.demo?.close()
  })
  return running
}
