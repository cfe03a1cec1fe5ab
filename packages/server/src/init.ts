import { createContextBuilder } from './context-builder.ts'
import type { ContextBuilder } from './context-builder.ts'
import type { MiddlewareFn } from './middleware.ts'
import { createMutationBuilder } from './mutation-builder.ts'
import type { MutationBuilder } from './mutation-builder.ts'
import { freezeState } from './procedure.ts'
import { createRouter } from './router.ts'
import type { Router, RouterConfig, RouterRecord } from './router.ts'
import { jsonTransformer } from './protocol/transformer.ts'
import type { Transformer } from './protocol/transformer.ts'
import type { ResultCache } from './cache/result-cache.ts'
import type { EventBus } from './events/event-bus.ts'
import { createEventHub } from './events/event-hub.ts'
import { resolveEventStreamOptions } from './events/event-stream-options.ts'
import type { EventStreamOptions } from './events/event-stream-options.ts'

/** The builders of one app, all typed with its request context `TCtx`. */
export interface Mizan<TCtx extends object> {
  /** Starts a context: a typed, optionally parameterised read. */
  readonly context: ContextBuilder<TCtx, void, undefined>
  /** Starts a mutation: a typed write that declares what it invalidates. */
  readonly mutation: MutationBuilder<TCtx, void, undefined>
  /** Types a reusable middleware against the request context; `.use()` it on any builder. */
  middleware<TOverride extends object>(fn: MiddlewareFn<TCtx, unknown, TOverride>): MiddlewareFn<TCtx, unknown, TOverride>
  /** Assembles procedures and nested routers; nested names become dotted paths. */
  router<TRecord extends RouterRecord>(record: TRecord): Router<TCtx, TRecord>
  /**
   * Shuts down what `create()` was given and started, for every router it made: ends every open
   * event stream (their responses end), the heartbeat, the bus (`events`) and the cache (when it
   * has a `close`). Afterwards, event streams are refused with 503. Idempotent.
   *
   * @example process.once('SIGTERM', async () => { await m.close(); server.close() })
   */
  close(): Promise<void>
}

export interface MizanOptions<TCtx = object> {
  /**
   * How values travel on the wire. superjson is the recommended choice (Dates, Maps, Sets,
   * BigInt and undefined round-trip); the client must be given the same one. Plain JSON if unset.
   */
  readonly transformer?: Transformer
  /**
   * The server's result cache, e.g. `memoryCache()`: contexts declared with `.cache()` are served
   * from it while fresh, and every write (RPC, `createCaller`, view path) purges what its
   * directives name before it answers. Without it, `.cache()` changes nothing.
   */
  readonly cache?: ResultCache
  /**
   * The user (or session) a request acts for, from the context as the resolver sees it: the
   * scope of `user`-scoped cached contexts, and whose entries a write purges. Undefined (or null)
   * for anonymous requests, which are not cached.
   *
   * @example userKey: (ctx) => ctx.user?.id
   */
  readonly userKey?: (ctx: TCtx) => string | number | null | undefined
  /**
   * Live invalidation: every write's directives are published on this bus, and `GET
   * {base}/events` streams them (Server-Sent Events) to the users they concern: a user's
   * user-scoped contexts to that user's streams (known by `userKey`; anonymous streams get public
   * events only), public ones to every stream. `memoryEvents()` within one process,
   * `redisEvents()` from `@mizan/server/redis` across several. Off when absent.
   */
  readonly events?: EventBus
  /** Limits and heartbeat of the event streams (needs `events`). */
  readonly eventStream?: EventStreamOptions
}

function createMizan<TCtx extends object>(options: MizanOptions<TCtx> = {}): Mizan<TCtx> {
  const transformer = options.transformer ?? jsonTransformer
  if (options.eventStream && !options.events) throw new TypeError('eventStream settings need an event bus: give create() events: memoryEvents() too')
  const events = options.events && createEventHub({ bus: options.events, settings: resolveEventStreamOptions(options.eventStream) })
  const config: RouterConfig = Object.freeze({
    transformer,
    cache: options.cache,
    userKey: options.userKey as RouterConfig['userKey'],
    events,
  })
  const base = { steps: [], hasInput: false, scope: 'user', cache: undefined, meta: {} } as const
  let closing: Promise<void> | undefined
  return Object.freeze({
    context: createContextBuilder(freezeState({ ...base, kind: 'context' })) as never,
    mutation: createMutationBuilder(freezeState({ ...base, kind: 'mutation' })) as never,
    middleware: (fn) => fn,
    router: (record) => createRouter(record, config),
    close: () => (closing ??= closeAll([() => events?.close(), () => options.cache?.close?.()])),
  } satisfies Mizan<TCtx>)
}

// Each part is closed even when another fails; the first failure is then thrown.
async function closeAll(parts: ReadonlyArray<() => unknown>): Promise<void> {
  const results = await Promise.allSettled(parts.map(async (close) => close()))
  const failed = results.find((result) => result.status === 'rejected')
  if (failed) throw failed.reason
}

/**
 * The entry point: declare the request context type, then create the builders.
 *
 * @example
 * const m = initMizan.context<{ user: User | null }>().create({ transformer: superjson })
 */
export const initMizan = Object.freeze({
  context: <TCtx extends object>() =>
    Object.freeze({ create: (options?: MizanOptions<TCtx>): Mizan<TCtx> => createMizan<TCtx>(options) }),
  create: (options?: MizanOptions): Mizan<object> => createMizan<object>(options),
})
