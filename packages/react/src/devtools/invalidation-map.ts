import { devtoolsMapRoute } from '@mizan/server/protocol'
import type { InvalidationMap } from '@mizan/server/protocol'

/** The map as served, or undefined when the route is off (404) or answers something else. */
export async function fetchInvalidationMap(fetchFn: (url: string, init: { signal: AbortSignal }) => Promise<Response>, baseUrl: string, signal: AbortSignal): Promise<InvalidationMap | undefined> {
  const response = await fetchFn(`${baseUrl}${devtoolsMapRoute}`, { signal })
  if (!response.ok) return undefined
  const body: unknown = await response.json()
  return isInvalidationMap(body) ? body : undefined
}

function isInvalidationMap(value: unknown): value is InvalidationMap {
  if (typeof value !== 'object' || value === null || !('mutations' in value) || !Array.isArray(value.mutations)) return false
  return value.mutations.every(
    (entry: unknown) =>
      typeof entry === 'object' &&
      entry !== null &&
      typeof (entry as { path?: unknown }).path === 'string' &&
      typeof (entry as { dynamic?: unknown }).dynamic === 'boolean' &&
      Array.isArray((entry as { contexts?: unknown }).contexts) &&
      (entry as { contexts: unknown[] }).contexts.every((context) => typeof context === 'string'),
  )
}
