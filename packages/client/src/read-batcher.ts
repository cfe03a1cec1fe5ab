import { canonicalForm, defaultGetUrlBudget, defaultMaxItems, isRecord, itemsParam, queryRoute, stableKey } from '@mizan/server/protocol'
import type { BundleItem } from '@mizan/server/protocol'
import { afterWindow } from './after-window.ts'
import { badResponse, fromWireError, MizanClientError } from './client-error.ts'
import type { BatchOptions, Connection, HeadersValue, QueryOptions } from './client-options.ts'
import { decodeData } from './decode-data.ts'
import type { Tools } from './client-types.ts'
import { isWireError, networkError, readJson, requestError } from './read-json.ts'

interface Caller {
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
  /** The callers still waiting: each leaves as it settles or aborts; with none left, nobody wants the item. */
  readonly callers: Set<Caller>
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
export function createReadBatcher(connection: Connection, options: BatchOptions | false, tools: Tools = {}): ReadFn {
  const { windowMs, maxItems, getUrlBudget, stream } = options || {}
  // `||`, not `??`: a limit of 0 means the default.
  const max = maxItems || defaultMaxItems
  let pending = new Map<string, Item>()
  let scheduled = false

  const flush = () => {
    scheduled = false
    const wanted = [...pending.values()].filter((item) => item.callers.size > 0)
    pending = new Map()
    for (const group of new Set(wanted.map((item) => item.group))) {
      const items = wanted.filter((item) => item.group === group)
      for (let start = 0; start < items.length; start += max) void send(items.slice(start, start + max))
    }
  }

  const send = async (items: Item[]) => {
    const bundle: Bundle = { controller: new AbortController(), live: items.length }
    const { signal } = bundle.controller
    const { path, headers: own } = items[0]!
    for (const item of items) item.bundle = bundle
    const wire = JSON.stringify(items.map((item): BundleItem => (item.input === undefined ? [item.path] : [item.path, item.input])))
    const url = connection.url + queryRoute
    const getUrl = `${url}?${itemsParam}=${encodeURIComponent(wire)}`
    const asGet = getUrl.length <= (getUrlBudget || defaultGetUrlBudget)
    const { inspector } = tools
    const traced = inspector?.tracer?.request?.(inspector, items, asGet)
    try {
      // `accept` first, so a read's own wins (the answer's type says how to read it).
      const headers = { ...(stream && items.length > 1 && { accept: stream.accept }), ...(await connection.headers()), ...own }
      const response = await connection
        .fetch(asGet ? getUrl : url, {
          method: asGet ? 'GET' : 'POST',
          headers: asGet ? headers : { ...headers, 'content-type': 'application/json' },
          body: asGet ? undefined : wire,
          credentials: connection.credentials,
          signal,
        })
        .catch((cause: unknown) => {
          throw networkError(cause, path, signal)
        })
      traced?.(response.status)
      let unanswered = items.length
      const streamed = stream?.read(response, { count: items.length, path, signal }, (position, answer) => {
        const item = items[position]!
        const wanted = item.callers.size > 0
        unanswered--
        answerItem(item, answer)
        // Answered, it no longer keeps the request open; once only aborted reads are left,
        // nobody wants the answers still to come, so the server may stop working on them.
        if (wanted && --bundle.live === 0 && unanswered > 0) bundle.controller.abort()
      })
      if (streamed) return await streamed
      const body = await readJson(response, path)
      // Thrown with the first item's path; the catch gives each item its own.
      if (response.status !== 200) throw requestError(body, response.status, path)
      if (!Array.isArray(body) || body.length !== items.length) throw badResponse(path, 200, `expected ${items.length} answers`)
      items.forEach((item, position) => answerItem(item, body[position]))
    } catch (error) {
      traced?.(undefined)
      for (const item of items) rejectItem(item, error instanceof MizanClientError ? withPath(error, item.path) : error)
    }
  }

  // An object without `error` is a success; plain JSON drops an undefined `data` key, so `{}` is
  // a read that returned `undefined`. An object with a wire error is that error; anything else
  // is not an answer.
  const answerItem = (item: Item, answer: unknown) => {
    const { path, callers } = item
    if (!isRecord(answer)) return rejectItem(item, notAnAnswer(path))
    if ('error' in answer) return rejectItem(item, isWireError(answer['error']) ? fromWireError(answer['error'], path) : notAnAnswer(path))
    for (const caller of callers) {
      callers.delete(caller)
      try {
        // Params that do not decode (or a throwing callback) never fail the read: the query is
        // then known by its own key only.
        if (caller.onParams && 'params' in answer) {
          try {
            caller.onParams(connection.transformer.deserialize(answer['params']))
          } catch {}
        }
        // Decoded per caller: two callers of one read never share a mutable object.
        caller.resolve(decodeData(connection.transformer, answer, path, 200))
      } catch (error) {
        caller.reject(error)
      }
    }
  }

  return (path, input, { signal, headers, batch, onParsedParams } = {}) =>
    new Promise((resolve, reject) => {
      // Thrown in here, so an aborted signal or params with no canonical form fail this call alone.
      if (signal?.aborted) throw signal.reason
      // The canonical form: equal params (key order, undefined fields, shared references) are one
      // item on the wire and one URL.
      const serialized = input === undefined ? undefined : canonicalForm(input, connection.transformer)
      const alone = options === false || batch === false
      const group = stableKey(headers ?? {})
      const key = `${group}\u0000${path}\u0000${stableKey(serialized)}`
      let item = alone ? undefined : pending.get(key)
      if (!item) {
        item = { path, input: serialized, headers, group, callers: new Set(), bundle: undefined }
        if (!alone) pending.set(key, item)
      }
      const target = item
      const onAbort = () => abortCaller(target, caller, signal!.reason)
      // Settling removes the listener: a long-lived signal must not keep every past call alive.
      const settle = <T>(finish: (value: T) => void) => (value: T) => {
        signal?.removeEventListener('abort', onAbort)
        finish(value)
      }
      const caller: Caller = { resolve: settle(resolve), reject: settle(reject), onParams: onParsedParams }
      target.callers.add(caller)
      signal?.addEventListener('abort', onAbort, { once: true })
      if (alone) void send([target])
      else if (!scheduled) {
        scheduled = true
        afterWindow(windowMs, flush)
      }
    })
}

function abortCaller(item: Item, caller: Caller, reason: unknown): void {
  if (!item.callers.delete(caller)) return
  caller.reject(reason)
  const { bundle } = item
  if (!item.callers.size && bundle && !--bundle.live) bundle.controller.abort(reason)
}

function rejectItem(item: Item, error: unknown): void {
  for (const caller of item.callers) {
    item.callers.delete(caller)
    caller.reject(error)
  }
}

function notAnAnswer(path: string): MizanClientError {
  return badResponse(path, 200, 'an answer is neither data nor error')
}

function withPath(error: MizanClientError, path: string): MizanClientError {
  return error.path === path ? error : fromWireError(error, path, error.cause)
}
