import type { DehydratedState } from '@tanstack/react-query'
import { isRecord } from '@mizan/client'
import type { Transformer } from '@mizan/client'

/**
 * Reads the text of the SSR data tag back into a state for React Query's `hydrate`. The text is
 * treated as untrusted (a proxy, an extension or a stale cached page may have changed it): what
 * does not have the shape `hydrate` indexes into is refused with a clear error, instead of a
 * TypeError deep inside React Query.
 *
 * @example
 * const text = document.getElementById(ssrDataElementId)?.textContent
 * if (text) hydrate(queryClient, parseSsrData(text, superjson))
 */
export function parseSsrData(text: string, transformer: Transformer): DehydratedState {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (cause) {
    throw new Error('Mizan SSR data is not valid JSON', { cause })
  }
  let state: unknown
  try {
    state = transformer.deserialize(json)
  } catch (cause) {
    throw new Error('Mizan SSR data could not be deserialized by the transformer', { cause })
  }
  if (!isRecord(state) || !Array.isArray(state['queries']) || !Array.isArray(state['mutations'])) {
    throw new Error('Mizan SSR data is not a dehydrated state: expected { queries: [], mutations: [] }')
  }
  state['queries'].forEach((query: unknown, i) => {
    const valid =
      isRecord(query) && typeof query['queryHash'] === 'string' && Array.isArray(query['queryKey']) && isRecord(query['state'])
    if (!valid) {
      throw new Error(`Mizan SSR data: queries[${i}] needs a string queryHash, an array queryKey and a state object`)
    }
  })
  state['mutations'].forEach((mutation: unknown, i) => {
    if (!isRecord(mutation) || !isRecord(mutation['state'])) {
      throw new Error(`Mizan SSR data: mutations[${i}] needs a state object`)
    }
  })
  // The checks above cover what hydrate reads to place entries; the entries' contents are data.
  return state as unknown as DehydratedState
}
