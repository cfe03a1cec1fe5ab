// @vitest-environment node
// esbuild checks its TextEncoder, which jsdom replaces.
import { join, relative } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..', '..')

// What an app ships, React and React Query being its own (as bench/bundle-size measures it).
async function browserBundle(contents: string) {
  const result = await build({
    stdin: { contents, resolveDir: join(root, 'packages', 'react'), loader: 'ts' },
    bundle: true,
    conditions: ['@mizan/source'],
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
    external: ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query', '@tanstack/query-core', 'superjson'],
  })
  // The files with code in the output: esbuild lists what it read, shaken away or not.
  const shipped = Object.values(result.metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs).flatMap(([file, { bytesInOutput }]) => (bytesInOutput > 0 ? [relative(root, join(root, file))] : [])),
  )
  const code = result.outputFiles[0]!.contents
  return { shipped, minifiedBytes: code.byteLength, gzipBytes: gzipSync(code, { level: 9 }).byteLength }
}

const devtoolsCode = (files: readonly string[]) => files.filter((file) => file.startsWith('packages/react/src/devtools/'))

describe('the devtools entry', () => {
  it('is left out of the main React entry, even when all of it is imported', async () => {
    const app = await browserBundle(`export { createClient } from '@mizan/client'\nexport { createMizanReact, MizanProvider } from '@mizan/react'`)
    const everything = await browserBundle(`export * from '@mizan/client'\nexport * from '@mizan/react'`)
    expect(devtoolsCode(app.shipped)).toEqual([])
    expect(devtoolsCode(everything.shipped)).toEqual([])
    // Only the slot it needs is in (the inspector); the code that builds request and flush
    // reports comes with the devtools entry, which installs it when it subscribes.
    const tracers = ['packages/client/src/trace-request.ts', 'packages/react/src/devtools/trace-flush.ts']
    expect(app.shipped).toContain('packages/client/src/inspector.ts')
    expect(app.shipped.filter((file) => tracers.includes(file))).toEqual([])
    expect(everything.shipped).not.toContain('packages/react/src/devtools/trace-flush.ts')

    const devtools = await browserBundle(`export { MizanDevtools } from '@mizan/react/devtools'`)
    expect(devtoolsCode(devtools.shipped)).toEqual(expect.arrayContaining(['packages/react/src/devtools/mizan-devtools.tsx', 'packages/react/src/devtools/devtools-log.ts']))
    expect(devtools.shipped).toEqual(expect.arrayContaining(tracers))
    console.log(`client + React bridge: ${app.gzipBytes} B min+gzip; @mizan/react/devtools on its own: ${devtools.gzipBytes} B min+gzip`)
  })
})
