import { MizanError } from './error.ts'
import { describeOrigin } from './origin.ts'
import type { InvalidationDirective } from './protocol/directive.ts'
import type { RouterIndex } from './router-index.ts'
import { targetContext } from './target.ts'
import type { AnyContextProcedure, AudienceTarget, ContextTarget, Targets } from './target.ts'

/**
 * Whose data a write's directive names, so whose cached results it purges and whose event
 * streams hear of it: `every` user's (a public context, `all`, or `forEveryUser`), the acting
 * user's (a user-scoped context of a plain target), or the users a `forUser` target lists.
 */
export type Addressee = 'every' | 'actor' | readonly string[]

export interface AddressedDirective {
  readonly directive: InvalidationDirective
  readonly to: Addressee
}

/**
 * Turns targets into wire directives, one per mounted path, each with whose data it names, in
 * the targets' order (not deduplicated: each audience is deduplicated where it is used). Throws
 * for what is no mounted target; `writer` names who wrote (`Mutation "renameProject"`).
 */
export function addressTargets(index: RouterIndex, writer: string, targets: Targets): AddressedDirective[] {
  if (!Array.isArray(targets)) {
    throw new MizanError({ code: 'INTERNAL', message: `${writer}: invalidates must give a list of targets` })
  }
  const addressed: AddressedDirective[] = []
  for (const target of targets) {
    if (!isAudienceTarget(target)) {
      addTarget(index, writer, addressed, target, 'actor')
      continue
    }
    if (!Array.isArray(target.targets)) throw new MizanError({ code: 'INTERNAL', message: `${writer}: an audience target holds no list of targets` })
    for (const inner of target.targets) {
      if (isAudienceTarget(inner)) {
        throw new MizanError({ code: 'INTERNAL', message: `${writer}: forUser() and forEveryUser() take context targets, not other audiences` })
      }
      addTarget(index, writer, addressed, inner, target.users)
    }
  }
  return addressed
}

function addTarget(index: RouterIndex, writer: string, addressed: AddressedDirective[], target: unknown, to: Addressee): void {
  const context = mountedContext(index, writer, target)
  // A public context is everyone's, whoever the target was meant for.
  const addressee = context._def.scope === 'public' ? 'every' : to
  for (const path of index.contextPaths.get(context) ?? []) addressed.push({ directive: directiveOf(target as ContextTarget, path), to: addressee })
}

function isAudienceTarget(target: unknown): target is AudienceTarget {
  return typeof target === 'object' && target !== null && (target as { kind?: unknown }).kind === 'audience'
}

function directiveOf(target: ContextTarget, context: string): InvalidationDirective {
  if (!('kind' in target)) return { kind: 'whole', context }
  if (target.kind === 'exact') return { kind: 'exact', context, params: target.params }
  return { kind: 'partial', context, params: target.params }
}

/**
 * The mounted context a target names; an unmounted one names the writer (e.g.
 * `Mutation "shop.clear"`) and where the target was defined.
 */
function mountedContext(index: RouterIndex, writer: string, target: unknown): AnyContextProcedure {
  const context = contextOf(target)
  if (!context) {
    throw new MizanError({
      code: 'INTERNAL',
      message: `${writer} invalidates ${String(target)}, which is not a context or a target made from one`,
    })
  }
  if (!index.contextPaths.has(context)) {
    throw new MizanError({
      code: 'INTERNAL',
      message:
        `${writer} invalidates the context defined at ${describeOrigin(context._def.origin)}, ` +
        'which is not mounted in this router. Mount that context in the router, or remove the target.',
    })
  }
  return context
}

/** The context a target points at, or undefined for a value that is no target at all. */
function contextOf(target: unknown): AnyContextProcedure | undefined {
  if (typeof target !== 'object' && typeof target !== 'function') return undefined
  if (target === null) return undefined
  const context = targetContext(target as ContextTarget)
  return context?._kind === 'context' ? context : undefined
}
