// @vitest-environment node
// esbuild checks its TextEncoder, which jsdom replaces.
import { describe, expect, it } from 'vitest'
import { browserBundle } from './fixtures/browser-bundle.ts'

const devtoolsCode = (files: readonly string[]) => files.filter((file) => file.startsWith('packages/react/src/devtools/'))

describe('the devtools entry', () => {
  it('is left out of the main React entry, even when all of it is imported', async () => {
    const app = await browserBundle(`export { createClient } from '@mizan/client'\nexport { createMizanReact, MizanProvider } from '@mizan/react'`)
    const everything = await browserBundle(`export * from '@mizan/client'\nexport * from '@mizan/react'`)
    expect(devtoolsCode(app.shipped)).toEqual([])
    expect(devtoolsCode(everything.shipped)).toEqual([])
    // Only the slot it needs is in (`$tools`); the inspector, and the code that builds request
    // and flush reports, come with the devtools entry, which attaches them when it subscribes.
    const tracers = ['packages/client/src/trace-request.ts', 'packages/react/src/devtools/trace-flush.ts']
    expect(app.shipped).not.toContain('packages/client/src/inspector.ts')
    expect(app.shipped.filter((file) => tracers.includes(file))).toEqual([])
    expect(everything.shipped).not.toContain('packages/react/src/devtools/trace-flush.ts')

    const devtools = await browserBundle(`export { MizanDevtools } from '@mizan/react/devtools'`)
    expect(devtoolsCode(devtools.shipped)).toEqual(expect.arrayContaining(['packages/react/src/devtools/mizan-devtools.tsx', 'packages/react/src/devtools/devtools-log.ts']))
    expect(devtools.shipped).toEqual(expect.arrayContaining([...tracers, 'packages/client/src/inspector.ts']))
    console.log(`client + React bridge: ${app.gzipBytes} B min+gzip; @mizan/react/devtools on its own: ${devtools.gzipBytes} B min+gzip`)
  })
})
