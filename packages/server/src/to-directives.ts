import { dedupeDirectives } from './protocol/directive.ts'
import type { InvalidationDirective } from './protocol/directive.ts'
import { pathsOfTargets } from './router-index.ts'
import type { RouterIndex } from './router-index.ts'
import type { Targets } from './target.ts'

/**
 * Turns targets into wire directives: one per mounted path, deduplicated by the canonical key of
 * their params with the router's transformer; a target whose params cannot be keyed (too deep, a
 * cycle, a value the transformer cannot carry) widens to its whole context. `writer` names who
 * wrote (`Mutation "renameProject"`) in errors, thrown for what is no mounted target.
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
