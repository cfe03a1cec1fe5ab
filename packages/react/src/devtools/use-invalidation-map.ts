'use client'

import { useEffect, useState } from 'react'
import type { ClientRuntime } from '@mizan/client'
import { fetchInvalidationMap } from './invalidation-map.ts'
import type { InvalidationMap } from '@mizan/server/protocol'

export type MapState = { readonly status: 'loading' } | { readonly status: 'off' } | { readonly status: 'ready'; readonly map: InvalidationMap }

/** The server's invalidation map, fetched once per client; `off` when the route is not served. */
export function useInvalidationMap(client: ClientRuntime): MapState {
  const [state, setState] = useState<MapState>({ status: 'loading' })
  useEffect(() => {
    const controller = new AbortController()
    fetchInvalidationMap(client.$connection.fetch, client.$connection.url, controller.signal).then(
      (map) => setState(map ? { status: 'ready', map } : { status: 'off' }),
      () => {
        if (!controller.signal.aborted) setState({ status: 'off' })
      },
    )
    return () => controller.abort()
  }, [client])
  return state
}
