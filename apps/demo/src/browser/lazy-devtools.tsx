import { lazy, Suspense } from 'react'
import type { DemoClient } from './demo-mizan.ts'

// A chunk of its own (esbuild splitting): pages without the panel never download it.
const MizanDevtools = lazy(() => import('@mizan/react/devtools').then((module) => ({ default: module.MizanDevtools })))

/** The Mizan Devtools panel, loaded on first render: mount it after hydration only. */
export function LazyDevtools({ client, open }: { readonly client: DemoClient; readonly open: boolean }) {
  return (
    <Suspense fallback={null}>
      <MizanDevtools client={client} initialIsOpen={open} position="bottom-right" />
    </Suspense>
  )
}
