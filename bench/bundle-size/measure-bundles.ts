import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

export interface BundleFigures {
  readonly minifiedBytes: number
  readonly gzipBytes: number
}

// What an app ships for the typed client, read batching and the React Query bridge. React,
// React Query and superjson are the app's own and stay out (external) for both. `mizan` is the
// base entry; each `mizan+...` row adds one opt-in part to it, so its cost is the difference.
const mizanBase = `
    import { createClient } from '@mizan/client'
    import { createMizanReact, MizanProvider } from '@mizan/react'
    export { createClient, createMizanReact, MizanProvider }
  `

export const bundleEntries = {
  mizan: mizanBase,
  'mizan+session': `${mizanBase}export { csrfSession } from '@mizan/client'\n`,
  'mizan+stream': `${mizanBase}export { streamedAnswers } from '@mizan/client'\n`,
  'mizan+events': `${mizanBase}export { liveEvents } from '@mizan/client'\n`,
  'mizan+ssr': `${mizanBase}export { hydrateFromPage } from '@mizan/react'\n`,
  'mizan+devtools': `${mizanBase}export { MizanDevtools } from '@mizan/react/devtools'\n`,
  trpc: `
    import { createTRPCClient, httpBatchLink } from '@trpc/client'
    import { createTRPCContext } from '@trpc/tanstack-react-query'
    export { createTRPCClient, httpBatchLink, createTRPCContext }
  `,
} as const

export type BundleName = keyof typeof bundleEntries

/** What each row of the report ships, in its words. */
export const bundleLabels: Record<BundleName, string> = {
  mizan: '@mizan/client + @mizan/react: createClient, createMizanReact, MizanProvider',
  'mizan+session': 'the same + CSRF session (`csrfSession()`)',
  'mizan+stream': 'the same + streamed bundle answers (`streamedAnswers()`)',
  'mizan+events': 'the same + live events (`liveEvents()`)',
  'mizan+ssr': 'the same + SSR hydration (`hydrateFromPage`)',
  'mizan+devtools': 'the same + `MizanDevtools` (@mizan/react/devtools)',
  trpc: '@trpc/client + httpBatchLink + @trpc/tanstack-react-query',
}

export async function measureBundle(contents: string): Promise<BundleFigures> {
  const result = await build({
    stdin: { contents, resolveDir: import.meta.dirname, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    external: ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query', '@tanstack/query-core', 'superjson'],
  })
  const code = result.outputFiles[0]!.contents
  return { minifiedBytes: code.byteLength, gzipBytes: gzipSync(code, { level: 9 }).byteLength }
}
