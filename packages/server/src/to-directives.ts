import { dedupeDirectives } from './protocol/directive.ts'
import type { InvalidationDirective } from './protocol/directive.ts'
import { pathsOfTargets } from './router-index.ts'
import type { RouterIndex } from './router-index.ts'
import type { Targets } from './target.ts'

/**
 * Turns targets into wire directives: one per mounted path, deduplicated. `writer` names who
 * wrote (`Mutation "renameProject"`) in errors.
 */
export function toDirectives(index: RouterIndex, writer: string, targets: Targets): InvalidationDirective[] {
  const directives: InvalidationDirective[] = []
  for (const { target, paths } of pathsOfTargets(index, writer, targets)) {
    for (const context of paths) {
      if (!('kind' in target)) directives.push({ kind: 'whole', context })
      else if (target.kind === 'exact') directives.push({ kind: 'exact', context, params: target.params })
      else directives.push({ kind: 'partial', context, params: target.params })
    }
  }
  return dedupeDirectives(directives, index.transformer)
}
