import { defineField, isPlainObject } from '@mizan/server/protocol'
import type { InvalidationDirective, Transformer } from '@mizan/server/protocol'
import { warnDropped } from './warn-dropped.ts'
import type { DroppedSource } from './warn-dropped.ts'

/**
 * Decodes a write's directives (their wire form, see `WireDirective`) strictly, one by one: what
 * is not a directive is dropped (with a warning in development), never thrown, because the write
 * behind it may well have succeeded and its caller must still get its answer.
 * - `all` needs nothing else;
 * - `whole` needs a string `context`;
 * - `exact` needs a string `context` and `params` the transformer decodes (to anything);
 * - `partial` needs a string `context`, `params` that decode to a plain object, and, if it has
 *   `lacking`, a list of field names, which the params get back as `undefined` fields.
 * Only those fields are kept.
 */
export function decodeDirectives(transformer: Transformer, value: unknown, source: DroppedSource): InvalidationDirective[] {
  if (!Array.isArray(value)) {
    warnDropped(source, 'notAList')
    return []
  }
  const directives: InvalidationDirective[] = []
  for (const item of value) {
    let directive: InvalidationDirective | undefined
    try {
      directive = toDirective(item, transformer)
    } catch {
      warnDropped(source, 'undecodable', item)
      continue
    }
    if (directive) directives.push(directive)
    else warnDropped(source, 'malformed', item)
  }
  return directives
}

// Throws where the transformer refuses the params.
function toDirective(value: unknown, transformer: Transformer): InvalidationDirective | undefined {
  if (!isPlainObject(value)) return undefined
  const { kind, context, lacking } = value
  if (kind === 'all') return { kind }
  if (typeof context !== 'string') return undefined
  if (kind === 'whole') return { kind, context }
  if (kind === 'exact' && 'params' in value) return { kind, context, params: transformer.deserialize(value['params']) }
  if (kind !== 'partial' || !(lacking === undefined || (Array.isArray(lacking) && lacking.every((field) => typeof field === 'string')))) return undefined
  const params = transformer.deserialize(value['params'])
  if (!isPlainObject(params)) return undefined
  // Not assigned: a field named "__proto__" must stay a field, never set the prototype.
  for (const field of lacking ?? []) defineField(params, field, undefined)
  return { kind, context, params }
}
