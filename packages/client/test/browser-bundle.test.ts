import { mkdirSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import type { Metafile } from 'esbuild'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..', '..')
// Mizan's packages from their source (see scripts/source-condition.ts), as the rest of the tests.
const sourceCondition = '@mizan/source'

// The client ships to browsers: it may use the server package's dependency-free protocol module
// at runtime, and nothing else of the server (no express, zod, Node built-ins, handlers).
describe('the browser bundle of @mizan/client', () => {
  it('holds only the client and the protocol module, and its size is recorded', async () => {
    const result = await buildForBrowser(`export { createClient, createInvalidationScheduler, MizanClientError } from '@mizan/client'`)
    const inputs = inputsOf(result.metafile)
    expect(forbiddenInputs(inputs)).toEqual([])
    expect(inputs.some((file) => file.startsWith('packages/client/src/'))).toBe(true)

    const code = result.outputFiles[0]!.contents
    const figures = { minifiedBytes: code.byteLength, gzipBytes: gzipSync(code, { level: 9 }).byteLength, inputs }
    const out = join(root, 'bench', '.generated')
    mkdirSync(out, { recursive: true })
    writeFileSync(join(out, 'client-bundle-size.json'), `${JSON.stringify(figures, null, 2)}\n`)
    console.log(`@mizan/client for browsers: ${figures.minifiedBytes} B minified, ${figures.gzipBytes} B min+gzip`)
    expect(figures.gzipBytes).toBeGreaterThan(0)
  })

  // Live events are opt-in: `liveEvents()` brings their code (and eventsource-parser) with it.
  it('leaves the live events code out unless liveEvents is imported', async () => {
    const without = await browserBundle(`export { createClient, createInvalidationScheduler, MizanClientError } from '@mizan/client'`)
    const withEvents = await browserBundle(`export { createClient, liveEvents } from '@mizan/client'`)
    const eventsCode = (inputs: readonly string[]) =>
      inputs.filter((file) => /packages\/client\/src\/(live-events|event-stream|fetch-event-transport|tab-leader)\.ts$|node_modules\/eventsource-parser\//.test(file))
    expect(eventsCode(without.inputs)).toEqual([])
    expect(eventsCode(withEvents.inputs)).toEqual(
      expect.arrayContaining([
        'packages/client/src/live-events.ts',
        'packages/client/src/event-stream.ts',
        'packages/client/src/fetch-event-transport.ts',
        'packages/client/src/tab-leader.ts',
        expect.stringMatching(/node_modules\/eventsource-parser\/dist\//),
      ]),
    )
    expect(forbiddenInputs(withEvents.inputs)).toEqual([])
    console.log(`liveEvents adds ${withEvents.gzipBytes - without.gzipBytes} B min+gzip to @mizan/client (${withEvents.gzipBytes} B with it)`)
  })

  it('would be caught pulling in server code (the check above can fail)', async () => {
    const result = await build({
      stdin: { contents: `export * from '@mizan/server'`, resolveDir: join(root, 'packages', 'client'), loader: 'ts' },
      bundle: true,
      conditions: [sourceCondition],
      platform: 'node',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    })
    const forbidden = forbiddenInputs(inputsOf(result.metafile))
    expect(forbidden).toContain('packages/server/src/init.ts')
    expect(forbidden.some((file) => file.includes('node_modules/secure-json-parse/'))).toBe(true)
  })
})

// The build a browser app would make of `contents`: minified ESM, with the metafile to read inputs from.
function buildForBrowser(contents: string) {
  return build({
    stdin: { contents, resolveDir: join(root, 'packages', 'client'), loader: 'ts' },
    bundle: true,
    conditions: [sourceCondition],
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  })
}

async function browserBundle(contents: string) {
  const result = await buildForBrowser(contents)
  // The files with code in the output: esbuild reads (and lists as inputs) what it then shakes away.
  const shipped = Object.values(result.metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs).flatMap(([file, { bytesInOutput }]) => (bytesInOutput > 0 ? [file] : [])),
  )
  return { inputs: shipped.map((file) => relative(root, join(root, file))), gzipBytes: gzipSync(result.outputFiles[0]!.contents, { level: 9 }).byteLength }
}

function inputsOf(metafile: Metafile): string[] {
  return Object.keys(metafile.inputs).map((file) => (file.includes(':') ? file : relative(root, join(root, file))))
}

function forbiddenInputs(inputs: readonly string[]): string[] {
  return inputs.filter(
    (file) =>
      /node_modules\/(express|zod|superjson|secure-json-parse|raw-body)\//.test(file) ||
      file.startsWith('node:') ||
      (file.startsWith('packages/server/') && !file.startsWith('packages/server/src/protocol/')),
  )
}
