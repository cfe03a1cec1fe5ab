import type { QueryFunctionContext } from '@tanstack/react-query'
import type { QueryOptions } from '@mizan/client'
import { registrationOf } from './client-registry.ts'
import { recordParsedParams } from './parsed-params.ts'

/**
 * Request options of one read from a hook, like tRPC's per-call context: `headers` over the
 * client's own (the read then shares a bundle only with reads of equal headers), `batch: false`
 * to send it alone, right away, and a `signal` that aborts it (React Query's own signal, which
 * cancels it on unmount or `cancelQueries`, still applies).
 *
 * @example
 * useQuery(mizan.project.queryOptions({ id }, { request: { headers: { 'x-trace': '1' }, batch: false } }))
 */
export type ReadRequest = Pick<QueryOptions, 'headers' | 'batch' | 'signal'>

/**
 * The query function of a Mizan query: reads `path` through the Mizan client of the QueryClient
 * it runs for, and records on the query the params the server parsed, when they differ from its
 * key's (see `ParsedParams`).
 */
export function readQuery(
  path: string,
  input: unknown,
  context: Pick<QueryFunctionContext, 'client' | 'queryKey' | 'signal'>,
  request?: ReadRequest,
): Promise<unknown> {
  const { client: queryClient, queryKey, signal } = context
  const { client } = registrationOf(queryClient)
  return client.$query(path, input, {
    ...request,
    signal: request?.signal ? AbortSignal.any([signal, request.signal]) : signal,
    onParsedParams: (parsed) => recordParsedParams(queryClient, queryKey, parsed, client.$transformer),
  })
}
