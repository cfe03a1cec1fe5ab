import { createRouterCache } from './cache/router-cache.ts'
import type { RouterCache } from './cache/router-cache.ts'
import { MizanError } from './error.ts'
import { describeOrigin } from './origin.ts'
import type { AnyProcedure } from './procedure.ts'
import type { Transformer } from './protocol/transformer.ts'
import type { AnyRouter } from './router.ts'
import { targetContext } from './target.ts'
import type { AnyContextProcedure, AnyInvalidatesSpec, InvalidationTarget, Targets } from './target.ts'

/** What serving a router needs: procedures by path, and each context's path(s) for targets. */
export interface RouterIndex {
  readonly procedures: ReadonlyMap<string, AnyProcedure>
  /** A context mounted twice has two paths, and a target on it invalidates both. */
  readonly contextPaths: ReadonlyMap<AnyContextProcedure, readonly string[]>
  /** The router's transformer: directive keys are made in its canonical form. */
  readonly transformer: Transformer
  /** The result cache, when the router was created with one. */
  readonly cache: RouterCache | undefined
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
  const { transformer, cache, userKey } = router._def.config
  if (cache && !userKey) assertNoUserScopedCache(router)
  index = { procedures: router._def.procedures, contextPaths, transformer, cache: cache && createRouterCache(cache, transformer, userKey) }
  for (const [path, procedure] of index.procedures) {
    for (const spec of procedure._def.invalidates) {
      const targets = targetsKnownEarly(spec)
      if (targets) pathsOfTargets(index, `Mutation "${path}"`, targets)
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
function targetsKnownEarly(spec: AnyInvalidatesSpec): Targets | undefined {
  if (typeof spec !== 'function') return spec
  if (spec.length > 0) return undefined
  try {
    return (spec as () => Targets)()
  } catch {
    return undefined
  }
}

/**
 * The mounted path(s) of each target's context; an unmounted one names the writer (e.g.
 * `Mutation "shop.clear"`) and where the target was defined.
 */
export function pathsOfTargets(
  index: RouterIndex,
  writer: string,
  targets: Targets,
): Array<{ target: InvalidationTarget; paths: readonly string[] }> {
  if (!Array.isArray(targets)) {
    throw new MizanError({ code: 'INTERNAL', message: `${writer}: invalidates must give a list of targets` })
  }
  return targets.map((target) => {
    const context = contextOf(target)
    if (!context) {
      throw new MizanError({
        code: 'INTERNAL',
        message: `${writer} invalidates ${String(target)}, which is not a context or a target made from one`,
      })
    }
    const paths = index.contextPaths.get(context)
    if (!paths) {
      throw new MizanError({
        code: 'INTERNAL',
        message:
          `${writer} invalidates the context defined at ${describeOrigin(context._def.origin)}, ` +
          'which is not mounted in this router. Mount that context in the router, or remove the target.',
      })
    }
    return { target, paths }
  })
}

/** The context a target points at, or undefined for a value that is no target at all. */
function contextOf(target: unknown): AnyContextProcedure | undefined {
  if (typeof target !== 'object' && typeof target !== 'function') return undefined
  if (target === null) return undefined
  const context = targetContext(target as InvalidationTarget)
  return context?._kind === 'context' ? context : undefined
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
