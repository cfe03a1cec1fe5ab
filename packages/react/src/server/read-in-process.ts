import { hashKey } from '@tanstack/react-query'
import type { QueryFunctionContext } from '@tanstack/react-query'
import { canonicalForm } from '@mizan/client'
import type { AnyRouter, Transformer } from '@mizan/client'
import { jsonRoundTrip } from './json-round-trip.ts'
import { parsedParamsOf } from './parsed-params-of.ts'
import { notePrefetched } from './prefetched-queries.ts'

/** A router that runs procedures in process: what `initMizan`'s `router()` returns. */
export interface InProcessRouter extends AnyRouter {
  // Method syntax: any router's own context type fits.
  createCaller(ctx: never, options?: { readonly signal?: AbortSignal }): unknown
}

/** One request's router and context, as `createMizanServer` got them. */
export interface InProcessTarget {
  readonly router: InProcessRouter
  readonly ctx: unknown
  readonly transformer: Transformer
}

/**
 * The query function of a Mizan query on the server: runs the context through the router's
 * caller (middleware, validation and the result cache as over HTTP, no HTTP), with the input
 * and data as they would have crossed the wire, so the server renders exactly what the browser
 * hydrates (a Date under plain JSON is a string on both sides) and no object is shared with the
 * router's result cache. Notes the parsed params beside the QueryClient for the page's data.
 */
export async function readInProcess(
  { router, ctx, transformer }: InProcessTarget,
  path: string,
  input: unknown,
  context: Pick<QueryFunctionContext, 'client' | 'queryKey' | 'signal'>,
  signal?: AbortSignal,
): Promise<unknown> {
  const sent = input === undefined ? undefined : jsonRoundTrip(canonicalForm(input, transformer))
  const caller = router.createCaller(ctx as never, { signal: signal ? AbortSignal.any([context.signal, signal]) : context.signal })
  const procedure = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (input: unknown) => Promise<unknown>
  // Decoded per use, as the server decodes a request: the schema never sees the resolver's copy.
  const decoded = () => (sent === undefined ? undefined : transformer.deserialize(sent))
  const data = await procedure(decoded())
  const parsed = await parsedParamsOf(router, path, decoded(), sent, transformer)
  notePrefetched(context.client, transformer, hashKey(context.queryKey), parsed)
  return transformer.deserialize(jsonRoundTrip(transformer.serialize(data)))
}
