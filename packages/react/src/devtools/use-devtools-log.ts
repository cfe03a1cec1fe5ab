'use client'

import { useEffect, useState, useSyncExternalStore } from 'react'
import type { Inspector } from '@mizan/client'
import { createDevtoolsLog } from './devtools-log.ts'
import type { DevtoolsSnapshot } from './devtools-log.ts'
import { inspectTracers } from './trace-flush.ts'

/** The client's inspector events as a log, from mount on; listening only while mounted. */
export function useDevtoolsLog(inspector: Inspector, limit?: number): DevtoolsSnapshot {
  const [log] = useState(() => createDevtoolsLog(limit))
  useEffect(() => inspector.subscribe(log.handle, inspectTracers), [inspector, log])
  return useSyncExternalStore(log.subscribe, log.snapshot, log.snapshot)
}
