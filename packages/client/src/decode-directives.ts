import type { InvalidationDirective, Transformer } from '@mizan/server/protocol'
import { badResponse } from './client-error.ts'

const kinds = new Set(['whole', 'exact', 'partial'])

/** Decodes a write's serialized directives, refusing anything that is not a list of them. */
export function decodeDirectives(transformer: Transformer, value: unknown, path: string): InvalidationDirective[] {
  let directives: unknown
  try {
    directives = transformer.deserialize(value)
  } catch {
    throw badResponse(path, 200, 'its invalidation directives could not be decoded')
  }
  if (!Array.isArray(directives) || !directives.every(isDirective)) {
    throw badResponse(path, 200, 'its invalidation directives are malformed')
  }
  return directives
}

function isDirective(value: unknown): value is InvalidationDirective {
  if (typeof value !== 'object' || value === null) return false
  const { kind, context } = value as { kind?: unknown; context?: unknown }
  if (typeof context !== 'string' || !kinds.has(kind as string)) return false
  return kind !== 'partial' || typeof (value as { params?: unknown }).params === 'object'
}
