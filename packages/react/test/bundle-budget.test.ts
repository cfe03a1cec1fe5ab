// @vitest-environment node
// esbuild checks its TextEncoder, which jsdom replaces.
import { describe, expect, it } from 'vitest'
import { browserBundle } from './fixtures/browser-bundle.ts'

/**
 * The budget of the base entry (createClient + createMizanReact + MizanProvider), min+gzip: the
 * figure measured once the client read its two wire limits as constants (the server's limits
 * table left the bundle) and shared the protocol's checks (defineField, isRecord) (6,746 B),
 * rounded up by about 1%. A constant here, not a figure read from bench/results (every bench run
 * rewrites those): growing past it takes a change to this line, in review.
 * bench/bundle-size/measure-bundles.ts measures each opt-in part as its own row.
 */
const baseBudgetGzipBytes = 6815

const baseEntry = `export { createClient } from '@mizan/client'\nexport { createMizanReact, MizanProvider } from '@mizan/react'`

/** Each opt-in part: its entry beside the base one, its files, and a string only its code holds. */
const optIns = {
  session: { entry: `export { csrfSession } from '@mizan/client'`, file: 'packages/client/src/csrf-session.ts', text: 'No CSRF token' },
  stream: { entry: `export { streamedAnswers } from '@mizan/client'`, file: 'packages/client/src/read-lines.ts', text: 'a streamed line is' },
  events: { entry: `export { liveEvents } from '@mizan/client'`, file: 'packages/client/src/live-events.ts', text: 'text/event-stream' },
  ssr: { entry: `export { hydrateFromPage } from '@mizan/react'`, file: 'packages/react/src/parse-ssr-data.ts', text: 'Mizan SSR data' },
  fetchWithInvalidation: { entry: `export { fetchWithInvalidation } from '@mizan/client'`, file: 'packages/client/src/fetch-with-invalidation.ts', text: 'mizan-invalidate' },
  inspect: { entry: `export { inspect } from '@mizan/client'`, file: 'packages/client/src/inspector.ts', text: 'an inspector listener threw' },
  awaitInvalidation: { entry: `export { awaitInvalidation } from '@mizan/react'`, file: 'packages/react/src/await-invalidation.ts', text: 'fetchStatus' },
  namedProvider: { entry: `export { createNamedProvider } from '@mizan/react'`, file: 'packages/react/src/named-context-provider.tsx', text: 'inside its Provider' },
} as const

describe('the size of the base entry', () => {
  it(`stays within ${baseBudgetGzipBytes} B min+gzip`, async () => {
    const base = await browserBundle(baseEntry)
    console.log(`base entry: ${base.minifiedBytes} B minified, ${base.gzipBytes} B min+gzip (budget ${baseBudgetGzipBytes} B)`)
    expect(base.gzipBytes).toBeLessThanOrEqual(baseBudgetGzipBytes)
  })

  it.each(Object.entries(optIns))('leaves %s out until it is imported', async (_name, { entry, file, text }) => {
    const base = await browserBundle(baseEntry)
    expect(base.shipped).not.toContain(file)
    expect(base.text).not.toContain(text)
    // The check can fail: with the part imported, its file and string are there.
    const withPart = await browserBundle(`${baseEntry}\n${entry}`)
    expect(withPart.shipped).toContain(file)
    expect(withPart.text).toContain(text)
    console.log(`${_name} adds ${withPart.gzipBytes - base.gzipBytes} B min+gzip`)
  })

  // The client reads the two wire limits it needs as constants: the server's whole table stays out.
  it('leaves the server-only wire limits out', async () => {
    const base = await browserBundle(baseEntry)
    expect(base.text).not.toContain('maxBodyBytes')
    // The check can fail: an entry that uses the table ships it.
    const withTable = await browserBundle(`${baseEntry}\nexport { wireDefaults } from '@mizan/server/protocol'`)
    expect(withTable.text).toContain('maxBodyBytes')
  })
})
