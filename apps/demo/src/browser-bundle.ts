import { readFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { build } from 'esbuild'

export interface BrowserAssets {
  /** The file served at `/assets/<name>`, or undefined for none. */
  get(name: string): Promise<{ readonly type: string; readonly body: string } | undefined>
}

export const entryScript = '/assets/entry.js'

/**
 * Bundles the page's script for browsers, once, in memory (no build step before `npm run demo`).
 * ES modules with code splitting: what is loaded later by `import()` (the Devtools panel) lands
 * in a chunk of its own, fetched only by pages that load it.
 */
export function createBrowserAssets({ production }: { readonly production: boolean }): BrowserAssets {
  let files: Promise<Map<string, string>> | undefined
  const bundle = async () => {
    const result = await build({
      entryPoints: [join(import.meta.dirname, 'browser', 'entry.tsx')],
      bundle: true,
      splitting: true,
      format: 'esm',
      outdir: '/assets',
      // Mizan's packages from their source, as in the server process: no build step before the demo.
      conditions: ['@mizan/source'],
      minify: production,
      platform: 'browser',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
      jsx: 'automatic',
      define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
    })
    const map = new Map(result.outputFiles.map((file) => [basename(file.path), file.text]))
    map.set('styles.css', await readFile(join(import.meta.dirname, 'browser', 'styles.css'), 'utf8'))
    return map
  }
  return {
    async get(name) {
      files ??= bundle()
      const body = (await files).get(name)
      if (body === undefined) return undefined
      return { type: name.endsWith('.css') ? 'text/css' : 'text/javascript', body }
    },
  }
}
