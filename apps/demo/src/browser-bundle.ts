import { join } from 'node:path'
import { build } from 'esbuild'

/** Bundles the page's script for browsers, once, in memory (no build step before `npm run demo`). */
export function createBrowserBundle(): () => Promise<string> {
  let bundle: Promise<string> | undefined
  return () => {
    bundle ??= build({
      entryPoints: [join(import.meta.dirname, 'browser', 'app.tsx')],
      bundle: true,
      // Mizan's packages from their source, as in the server process: no build step before the demo.
      conditions: ['@mizan/source'],
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
      jsx: 'automatic',
      define: { 'process.env.NODE_ENV': '"production"' },
    }).then((result) => result.outputFiles[0]!.text)
    return bundle
  }
}
