import { useEffect, useState } from 'react'
import type { FlushedDirective } from '@mizan/client'
import type { DemoClient } from './demo-mizan.ts'

const sources: Record<string, string> = {
  response: 'your write',
  stream: 'another user or device',
  tab: 'another tab',
  header: 'a form post',
}

/**
 * The last invalidation this page applied and where it came from: what Mizan did, in one line.
 * (The Devtools panel shows the full story: the queries each directive hit, the request it took.)
 */
export function ActivityLine({ client }: { readonly client: DemoClient }) {
  const [last, setLast] = useState<readonly FlushedDirective[]>([])
  useEffect(() => client.$scheduler.subscribe(setLast), [client])
  if (last.length === 0) {
    return (
      <footer className="activity" id="activity">
        Each write's answer names what it changed; what this page refetched shows here.
      </footer>
    )
  }
  const source = last[0]?.source
  return (
    <footer className="activity" id="activity">
      Refetched after {source ? sources[source] : 'a write'}: <code>{last.map(describe).join(', ')}</code>
    </footer>
  )
}

function describe(directive: FlushedDirective): string {
  if (directive.kind === 'all') return 'everything'
  if (directive.kind === 'whole') return directive.context
  return `${directive.context}(${JSON.stringify(directive.params)})`
}
