import { isPlainObject } from '@mizan/server/protocol'
import type { InvalidationDirective, Transformer } from '@mizan/server/protocol'
import { warnDropped } from './warn-dropped.ts'

/**
 * Decodes a write's serialized directives strictly, one by one: what is not a directive is
 * dropped (with a warning in development), never thrown, because the write behind it may well
 * have succeeded and its caller must still get its answer.
 * - `all` needs nothing else;
 * - `whole` needs a string `context`;
 * - `exact` needs a string `context` and a `params` key (its value may be anything);
 * - `partial` needs a string `context` and plain-object `params`.
 * Only those fields are kept.
 */
export function decodeDirectives(transformer: Transformer, value: unknown, source: string): InvalidationDirective[] {
  let decoded: unknown
  try {
    decoded = transformer.deserialize(value)
  } catch {
    warnDropped(source, 'undecodable')
    return []
  }
  if (!Array.isArray(decoded)) {
    warnDropped(source, 'notAList')
    return []
  }
  const directives: InvalidationDirective[] = []
  for (const item of decoded) {
    const directive = toDirective(item)
    if (directive) directives.push(directive)
    else warnDropped(source, 'malformed', item)
  }
  return directives
}

function toDirective(value: unknown): InvalidationDirective | undefined {
  if (!isPlainObject(value)) return undefined
  const { kind, context } = value
  if (kind === 'all') return { kind }
  if (typeof context !== 'string') return undefined
  if (kind === 'whole') return { kind, context }
  if (kind === 'exact' && 'params' in value) return { kind, context, params: value['params'] }
  if (kind === 'partial' && isPlainObject(value['params'])) return { kind, context, params: value['params'] }
  return undefined
}
