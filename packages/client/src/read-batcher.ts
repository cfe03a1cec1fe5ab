import { canonicalForm, itemsParam, queryRoute, stableKey, wireDefaults } from '@mizan/server/protocol'
import type { BundleItem, ItemAnswer } from '@mizan/server/protocol'
import { badResponse, fromWireError, MizanClientError } from './client-error.ts'
import type { BatchOptions, Connection, HeadersValue, QueryOptions } from './client-options.ts'
import { decodeData } from './decode-data.ts'
import type { Inspector } from './inspector.ts'
import { isWireError, networkError, readJson, requestError } from './read-json.ts'

interface Caller {
  settled: boolean
  resolve(value: unknown): void
  reject(error: unknown): void
  readonly onParams: ((params: unknown) => void) | undefined
}

interface Item {
  readonly path: string
  /** The serialized input, or undefined for a context without one. */
  readonly input: unknown
  /** The read's own headers: only reads with equal ones share a bundle. */
  readonly headers: HeadersValue | undefined
  /** The stable key of those headers (none is `{}`), naming the bundle group. */
  readonly group: string
  readonly callers: Caller[]
  /** Callers still waiting; at 0 the item no longer needs an answer. */
  live: number
  bundle: Bundle | undefined
}

interface Bundle {
  readonly controller: AbortController
  /** Items still wanted (not aborted, not yet answered); at 0 the HTTP request is aborted, unless all are answered. */
  live: number
}

export type ReadFn = (path: string, input: unknown, options?: QueryOptions) => Promise<unknown>

/**
 * Reads issued within one window (a microtask by default) travel as one bundle. Identical reads
 * are sent once; bundles split at the item limit and go as POST once their URL would be too
 * long. Reads with headers of their own share a bundle only with reads of equal headers. Each
 * caller gets its own item's result or error; aborting one caller rejects only it, and the
 * request is aborted once every item in it is.
 *
 * With `stream: streamedAnswers()`, a bundle of two or more reads asks for a streamed answer: each caller
 * resolves as its own answer arrives, and the request is aborted once every item not yet answered
 * is aborted (answered ones no longer need it). A stream that breaks or ends early rejects the reads still waiting (NETWORK), one that is
 * not Mizan's format rejects them with BAD_RESPONSE; reads already answered keep their results.
 * A single read is answered whole: there is nothing to gain, and its answer stays plain JSON.
 */
export function createReadBatcher(connection: Connection, options: BatchOptions | false, inspector?: Inspector): ReadFn {
  const batching = options !== false
  const windowMs = (options && options.windowMs) || 0
  const maxItems = (options && options.maxItems) || wireDefaults.maxItems
  const getUrlBudget = (options && options.getUrlBudget) || wireDefaults.getUrlBudget
  const stream = options ? options.stream : undefined
  let pending = new Map<string, Item>()
  let scheduled = false

  const flush = () => {
    scheduled = false
    const live = [...pending.values()].filter((item) => item.live > 0)
    pending = new Map()
    for (const group of new Set(live.map((item) => item.group))) {
      const items = live.filter((item) => item.group === group)
      for (let start = 0; start < items.length; start += maxItems) void send(items.slice(start, start + maxItems))
    }
  }

  const schedule = () => {
    if (scheduled) return
    scheduled = true
    if (windowMs > 0) setTimeout(flush, windowMs)
    else queueMicrotask(flush)
  }

  const send = async (items: Item[]) => {
    const bundle: Bundle = { controller: new AbortController(), live: items.length }
    for (const item of items) item.bundle = bundle
    const wire = JSON.stringify(items.map((item): BundleItem => (item.input === undefined ? [item.path] : [item.path, item.input])))
    const getUrl = `${connection.url}${queryRoute}?${itemsParam}=${encodeURIComponent(wire)}`
    const asGet = getUrl.length <= getUrlBudget
    const traced = inspector?.tracer?.request?.(inspector, items, asGet)
    // Asked for first, so a read's own `accept` wins (the answer's type says how to read it).
    const ask = stream && items.length > 1 ? { accept: stream.accept } : undefined
    try {
      const headers = { ...ask, ...(await connection.headers()), ...items[0]!.headers }
      const common = { credentials: connection.credentials, signal: bundle.controller.signal }
      const response = await connection
        .fetch(
          asGet ? getUrl : `${connection.url}${queryRoute}`,
          asGet
            ? { ...common, method: 'GET', headers }
            : { ...common, method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: wire },
        )
        .catch((cause: unknown) => {
          throw networkError(cause, items[0]!.path, bundle.controller.signal)
        })
      traced?.(response.status)
      let unanswered = items.length
      const streamed = stream?.read(response, { count: items.length, path: items[0]!.path, signal: bundle.controller.signal }, (position, answer) => {
        const item = items[position]!
        unanswered--
        answerItem(item, answer)
        if (item.live === 0) return
        // Answered, it no longer keeps the request open; once only aborted reads are left,
        // nobody wants the answers still to come, so the server may stop working on them.
        item.live = 0
        bundle.live--
        if (bundle.live === 0 && unanswered > 0) bundle.controller.abort(new DOMException('Every read still waiting was aborted', 'AbortError'))
      })
      if (streamed) return await streamed
      const body = await readJson(response, items[0]!.path)
      if (response.status !== 200) {
        for (const item of items) rejectItem(item, requestError(body, response.status, item.path))
        return
      }
      if (!Array.isArray(body) || body.length !== items.length) {
        for (const item of items) rejectItem(item, badResponse(item.path, 200, `expected ${items.length} answers`))
        return
      }
      items.forEach((item, position) => answerItem(item, body[position] as ItemAnswer))
    } catch (error) {
      traced?.(undefined)
      for (const item of items) rejectItem(item, error instanceof MizanClientError ? withPath(error, item.path) : error)
    }
  }

  // An object without `error` is a success; plain JSON drops an undefined `data` key, so `{}` is
  // a read that returned `undefined`. Anything else is not an answer.
  const answerItem = (item: Item, answer: unknown) => {
    if (typeof answer === 'object' && answer !== null && !Array.isArray(answer)) {
      if (!('error' in answer)) return resolveItem(item, answer)
      if (isWireError(answer.error)) return rejectItem(item, fromWireError(answer.error, item.path))
    }
    rejectItem(item, badResponse(item.path, 200, 'an answer is neither data nor error'))
  }

  const resolveItem = (item: Item, answer: object) => {
    for (const caller of item.callers) {
      if (caller.settled) continue
      caller.settled = true
      // Decoded per caller, like the data; params that do not decode (or a throwing callback)
      // never fail the read: the query is then known by its own key only.
      if (caller.onParams && 'params' in answer) {
        try {
          caller.onParams(connection.transformer.deserialize(answer.params))
        } catch {}
      }
      try {
        // Decoded per caller: two callers of one read never share a mutable object.
        caller.resolve(decodeData(connection.transformer, answer, item.path, 200))
      } catch (error) {
        caller.reject(error)
      }
    }
  }

  return (path, input, callOptions = {}) => {
    const { signal } = callOptions
    if (signal?.aborted) return Promise.reject(signal.reason)
    // The canonical form: equal params (key order, undefined fields, shared references) are one
    // item on the wire and one URL; params no key can be made of fail this call alone.
    let serialized: unknown
    try {
      serialized = input === undefined ? undefined : canonicalForm(input, connection.transformer)
    } catch (error) {
      return Promise.reject(error)
    }
    const alone = !batching || callOptions.batch === false
    const { headers } = callOptions
    const group = stableKey(headers ?? {})
    const key = `${group}\u0000${path}\u0000${stableKey(serialized)}`
    let item = alone ? undefined : pending.get(key)
    if (!item) {
      item = { path, input: serialized, headers, group, callers: [], live: 0, bundle: undefined }
      if (!alone) pending.set(key, item)
    }
    const target = item
    const promise = new Promise<unknown>((resolve, reject) => {
      const onAbort = () => abortCaller(target, caller, signal!.reason)
      // Settling removes the listener: a long-lived signal must not keep every past call alive.
      const settle = <T>(finish: (value: T) => void) => (value: T) => {
        signal?.removeEventListener('abort', onAbort)
        finish(value)
      }
      const caller: Caller = { settled: false, resolve: settle(resolve), reject: settle(reject), onParams: callOptions.onParsedParams }
      target.callers.push(caller)
      target.live++
      signal?.addEventListener('abort', onAbort, { once: true })
    })
    if (alone) void send([target])
    else schedule()
    return promise
  }
}

function abortCaller(item: Item, caller: Caller, reason: unknown): void {
  if (caller.settled) return
  caller.settled = true
  caller.reject(reason)
  item.live--
  if (item.live > 0 || !item.bundle) return
  item.bundle.live--
  if (item.bundle.live === 0) item.bundle.controller.abort(reason)
}

function rejectItem(item: Item, error: unknown): void {
  for (const caller of item.callers) {
    if (caller.settled) continue
    caller.settled = true
    caller.reject(error)
  }
}

function withPath(error: MizanClientError, path: string): MizanClientError {
  return error.path === path ? error : fromWireError(error, path, error.cause)
}
