import type { DehydratedState } from '@tanstack/react-query'

/**
 * What a page's SSR data tag holds: React Query's dehydrated state, and how the server's schemas
 * parsed the params of its Mizan queries where that differs from their keys (trimmed, coerced,
 * defaults filled). A read over HTTP tells the browser the same in its answer (see
 * `ParsedParams`); a page hydrated without it would miss a write that names the parsed form.
 */
export interface SsrState extends DehydratedState {
  /** The parsed params in the transformer's JSON form, by query hash. */
  readonly parsedParams?: Readonly<Record<string, unknown>>
}
