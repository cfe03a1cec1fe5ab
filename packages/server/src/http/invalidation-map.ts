import { addressTargets } from '../address-targets.ts'
import { targetsKnownEarly } from '../router-index.ts'
import type { RouterIndex } from '../router-index.ts'
import type { InvalidationMap, MappedMutation } from '../protocol/wire.ts'

/**
 * The router's invalidation map as far as it is known without a call (a list, or a thunk: see
 * `targetsKnownEarly`); targets computed from the input, ctx or result only flag the mutation as
 * `dynamic`, and tools add them as they see them.
 */
export function invalidationMapOf(index: RouterIndex): InvalidationMap {
  const mutations: MappedMutation[] = []
  for (const [path, procedure] of index.procedures) {
    if (procedure._kind !== 'mutation') continue
    const contexts = new Set<string>()
    let dynamic = procedure._def.invalidatesOnSuccess.length > 0
    for (const spec of procedure._def.invalidates) {
      const targets = targetsKnownEarly(spec)
      if (!targets) {
        dynamic = true
        continue
      }
      // Checked when the index was built, so this does not throw.
      for (const { directive } of addressTargets(index, `Mutation "${path}"`, targets)) {
        if (directive.kind !== 'all') contexts.add(directive.context)
      }
    }
    mutations.push({ path, contexts: [...contexts], dynamic })
  }
  return { mutations }
}
