import type { QueryClient } from '@tanstack/react-query'
import type { Transformer } from '@mizan/client'
import { hydrateSsrState } from './hydrate-ssr-state.ts'
import { parseSsrData } from './parse-ssr-data.ts'
import { ssrDataElementId } from './ssr-data-element-id.ts'

const hydrated = new WeakSet<QueryClient>()
const spent = new WeakSet<Element>()

/**
 * Hydrates `queryClient` from the page's `<script id="__MIZAN_SSR_DATA__">` tag, once per
 * QueryClient (later calls do nothing); nothing outside a browser, or without the tag, or once
 * the page's data is spent. Given to `<MizanProvider hydrate={hydrateFromPage}>`, it runs during
 * the provider's render, before its children's queries mount, so those with SSR data do not
 * fetch; imported on its own, so that apps without SSR ship none of it. A tag that cannot be
 * read is reported and skipped: the queries then fetch, the page still works. Returns what marks
 * the page's data spent, which the provider calls once it is mounted (see `spendPageData`).
 *
 * @example <MizanProvider client={client} queryClient={queryClient} hydrate={hydrateFromPage}>
 */
export function hydrateFromPage(queryClient: QueryClient, transformer: Transformer): () => void {
  if (hydrated.has(queryClient) || typeof document === 'undefined') return spendPageData
  hydrated.add(queryClient)
  const element = document.getElementById(ssrDataElementId)
  if (!element || spent.has(element)) return spendPageData
  try {
    hydrateSsrState(queryClient, parseSsrData(element.textContent ?? '', transformer), transformer)
  } catch (error) {
    console.error('Mizan: the SSR data of this page could not be read; its queries fetch instead', error)
  }
  return spendPageData
}

/**
 * Marks the page's SSR data as used: a QueryClient that hydrated from it is mounted. It counts
 * as fresh, so a QueryClient made later (after a logout, say) must not take it: it would show
 * old data, perhaps another session's, as current. A render React throws away spends nothing.
 */
export function spendPageData(): void {
  const element = typeof document === 'undefined' ? null : document.getElementById(ssrDataElementId)
  if (element) spent.add(element)
}
