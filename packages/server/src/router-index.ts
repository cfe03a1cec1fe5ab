import { addressTargets } from './address-targets.ts'
import { createRouterCache } from './cache/router-cache.ts'
import type { RouterCache } from './cache/router-cache.ts'
import type { EventHub } from './events/event-hub.ts'
import type { AnyProcedure } from './procedure.ts'
import type { Transformer } from './protocol/transformer.ts'
import type { AnyRouter } from './router.ts'
import type { AnyContextProcedure, AnyInvalidatesSpec, Targets } from './target.ts'
import { userKeyOf } from './user-key-of.ts'

/** What serving a router needs: procedures by path, and each context's path(s) for targets. */
export interface RouterIndex {
  readonly procedures: ReadonlyMap<string, AnyProcedure>
  /** A context mounted twice has two paths, and a target on it invalidates both. */
  readonly contextPaths: ReadonlyMap<AnyContextProcedure, readonly string[]>
  /** The router's transformer: directive keys are made in its canonical form. */
  readonly transformer: Transformer
  /** The result cache, when the router was created with one. */
  readonly cache: RouterCache | undefined
  /** The event streams and bus of the router's `create()`, when events are on. */
  readonly events: EventHub | undefined
  /** The key of the user a context (as the resolver sees it) acts for; undefined when anonymous. */
  userOf(ctx: unknown): string | undefined
}

const indexes = new WeakMap<AnyRouter, RouterIndex>()

/**
 * Indexes a router used as the root and checks every invalidation target known without a call
 * against it (see `targetsKnownEarly`), so an unmounted target fails at startup rather than at the
 * first write. Cached per router.
 */
export function getRouterIndex(router: AnyRouter): RouterIndex {
  let index = indexes.get(router)
  if (index) return index
  const contextPaths = new Map<AnyContextProcedure, string[]>()
  for (const [path, procedure] of router._def.procedures) {
    if (procedure._kind !== 'context') continue
    const context = procedure as AnyContextProcedure
    const paths = contextPaths.get(context)
    if (paths) paths.push(path)
    else contextPaths.set(context, [path])
  }
  const { transformer, cache, userKey, events } = router._def.config
  if (cache && !userKey) assertNoUserScopedCache(router)
  index = {
    procedures: router._def.procedures,
    contextPaths,
    transformer,
    cache: cache && createRouterCache(cache, transformer, userKey),
    events,
    userOf: (ctx) => userKeyOf(userKey, ctx),
  }
  for (const [path, procedure] of index.procedures) {
    for (const spec of procedure._def.invalidates) {
      const targets = targetsKnownEarly(spec)
      if (targets) addressTargets(index, `Mutation "${path}"`, targets)
    }
  }
  indexes.set(router, index)
  return index
}

/**
 * The targets of an `invalidates` spec that are known without a call, for the startup check
 * only: a list, or what a function declaring no parameter (a thunk, `() => [cart]`) returns.
 * This changes no semantics: at run time every function is called with `{ input, ctx }`, whatever
 * it declares, and a thunk that throws here is left to its runs.
 */
export function targetsKnownEarly(spec: AnyInvalidatesSpec): Targets | undefined {
  if (typeof spec !== 'function') return spec
  if (spec.length > 0) return undefined
  try {
    return (spec as () => Targets)()
  } catch {
    return undefined
  }
}

// A user-scoped cached context needs to know whose entry a read is: without `userKey` it would
// never be cached, which is a mistake to report at startup rather than a silent no-op.
function assertNoUserScopedCache(router: AnyRouter): void {
  for (const [path, procedure] of router._def.procedures) {
    if (procedure._kind === 'context' && procedure._def.cache && procedure._def.scope === 'user') {
      throw new TypeError(
        `Context "${path}" is cached with scope 'user', but create() was given no userKey: give userKey (ctx => ctx.user?.id), or make the context .scope('public')`,
      )
    }
  }
}
