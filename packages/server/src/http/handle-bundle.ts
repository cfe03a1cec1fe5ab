import { MizanError } from '../error.ts'
import { canonicalForm } from '../protocol/canonical-key.ts'
import { stableKey } from '../protocol/stable-key.ts'
import type { Transformer } from '../protocol/transformer.ts'
import { itemsParam } from '../protocol/wire.ts'
import type { BundleItem, ItemAnswer } from '../protocol/wire.ts'
import type { RouterIndex } from '../router-index.ts'
import { SerializedResult } from '../cache/serialized-result.ts'
import { runProcedure } from '../run-procedure.ts'
import type { CallTrace } from '../run-procedure.ts'
import { deserializeInput } from './deserialize-input.ts'
import { HttpCall } from './http-call.ts'
import type { HttpRequest, HttpResponse } from './http-types.ts'
import { parseJson } from './parse-json.ts'
import { readJsonBody } from './read-json-body.ts'
import { jsonTextResponse } from './responses.ts'
import { streamedBundleResponse } from './stream-response.ts'
import { wantsStream } from './wants-stream.ts'
import { toWireError } from './wire-error.ts'
import type { ResolvedOptions } from './resolved-options.ts'

/** Reads a bundle's items from a GET query or a POST body, refusing malformed ones with 400. */
export async function readBundle(request: HttpRequest, options: ResolvedOptions): Promise<readonly BundleItem[]> {
  let items: unknown
  if (request.method === 'GET') {
    if (request.query.length + request.path.length > options.maxUrlLength) {
      throw new MizanError({ code: 'URI_TOO_LONG', message: `The URL is longer than ${options.maxUrlLength} characters: send the bundle as POST` })
    }
    const raw = new URLSearchParams(request.query).get(itemsParam)
    if (raw === null) throw new MizanError({ code: 'BAD_REQUEST', message: `A bundle needs the "${itemsParam}" query parameter` })
    items = parseJson(raw, `The "${itemsParam}" parameter`)
  } else {
    items = await readJsonBody(request, options.maxBodyBytes)
  }
  return validateItems(items, options.maxItems)
}

function validateItems(items: unknown, maxItems: number): readonly BundleItem[] {
  if (!Array.isArray(items)) throw badBundle('a bundle is a JSON array of [path, input?] items')
  if (items.length === 0) throw badBundle('the bundle is empty')
  if (items.length > maxItems) throw badBundle(`the bundle has ${items.length} items, more than the limit of ${maxItems}`)
  items.forEach((item: unknown, position) => {
    if (!Array.isArray(item) || typeof item[0] !== 'string' || item.length < 1 || item.length > 2) {
      throw badBundle(`item ${position} is not a [path, input?] array`)
    }
  })
  return items as BundleItem[]
}

function badBundle(reason: string): MizanError {
  return new MizanError({ code: 'BAD_REQUEST', message: `Malformed bundle: ${reason}` })
}

/**
 * Answers every item on its own: one failing item (unknown context, bad input, a throwing
 * resolver, data that cannot be serialised) fails only its own answer. The bundle answers 200:
 * by default one JSON array in request order, once every item has settled; when the request
 * accepts the streamed type (see `wantsStream`), one line per item as each settles, so a slow
 * read holds back only its own answer.
 */
export async function answerBundle(
  index: RouterIndex,
  transformer: Transformer,
  items: readonly BundleItem[],
  ctx: unknown,
  request: HttpRequest,
  onItemError: (error: unknown, path: string) => ItemAnswer,
): Promise<HttpResponse> {
  // Each answer is serialised to text on its own, so one that cannot be fails only itself.
  const answers = items.map(async ([path, input]): Promise<string> => {
    try {
      const procedure = index.procedures.get(path)
      if (!procedure || procedure._kind !== 'context') {
        throw new MizanError({ code: 'NOT_FOUND', message: `No context "${path}"` })
      }
      const rawInput = input === undefined ? undefined : deserializeInput(transformer, input)
      const trace: CallTrace = { resolverRan: false, ctx: undefined, input: undefined }
      const call = new HttpCall(ctx, rawInput, path, request, index.cache, true)
      const data = await runProcedure(procedure._def, call, trace)
      const params = parsedParams(input, trace.input, transformer)
      if (data instanceof SerializedResult) return itemJson(data.text, params)
      return JSON.stringify({ data: transformer.serialize(data), ...params } satisfies ItemAnswer)
    } catch (error) {
      return JSON.stringify(onItemError(error, path))
    }
  })
  // The status is sent before the items settle, so an `onError` that throws (the one way an
  // answer can reject) fails only its item there, where buffered it fails the request.
  // Streaming pays only where an item is slow: a bundle whose items are all done by the next turn
  // of the event loop goes out as one array, which every client reads (by its content type).
  if (wantsStream(request.headers) && !(await settleSoon(answers))) {
    return streamedBundleResponse(answers, (error) => JSON.stringify({ error: toWireError(error, false) }))
  }
  return jsonTextResponse(200, `[${(await Promise.all(answers)).join(',')}]`)
}

/** Whether every answer settles before the next turn of the event loop (a timer of 0 ms). */
async function settleSoon(answers: readonly Promise<string>[]): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const turn = new Promise<false>((resolve) => (timer = setTimeout(resolve, 0, false)))
  const settled = Promise.allSettled(answers).then(() => true as const)
  try {
    return await Promise.race([settled, turn])
  } finally {
    clearTimeout(timer)
  }
}

// An answer around a cached result's stored text, as `JSON.stringify` would have written it.
function itemJson(text: string, params: { params?: unknown }): string {
  const rest = 'params' in params ? `"params":${JSON.stringify(params.params)}` : ''
  if (text === '') return `{${rest}}`
  return `{"data":${text}${rest === '' ? '' : `,${rest}`}}`
}

/**
 * The canonical params rule: a context's schema may trim, coerce or fill defaults, so the params
 * a write names (from parsed input) and the params a client keyed its query with (raw input) can
 * differ. Each answer therefore carries `params`, the canonical form of the input as the resolver
 * received it, whenever that differs from the canonical form of the input sent; the client then
 * knows the query by both, and a directive naming either finds it. Parsed input that has no
 * canonical form (a schema transforming it into a class instance, say) is not sent.
 */
function parsedParams(sent: unknown, parsed: unknown, transformer: Transformer): { params?: unknown } {
  if (parsed === undefined) return {}
  try {
    const params = canonicalForm(parsed, transformer)
    return sent !== undefined && stableKey(params) === stableKey(sent) ? {} : { params }
  } catch {
    return {}
  }
}
