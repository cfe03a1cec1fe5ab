import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

export interface BundleFigures {
  readonly minifiedBytes: number
  readonly gzipBytes: number
}

// What an app ships for the typed client, read batching and the React Query bridge. React,
// React Query and superjson are the app's own and stay out (external) for both.
export const bundleEntries = {
  mizan: `
    import { createClient } from '@mizan/client'
    import { createMizanReact, MizanProvider } from '@mizan/react'
    export { createClient, createMizanReact, MizanProvider }
  `,
  trpc: `
    import { createTRPCClient, httpBatchLink } from '@trpc/client'
    import { createTRPCContext } from '@trpc/tanstack-react-query'
    export { createTRPCClient, httpBatchLink, createTRPCContext }
  `,
} as const

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
