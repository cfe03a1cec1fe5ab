import { canonicalKey } from './canonical-key.ts'
import type { Transformer } from './transformer.ts'

/**
 * What a write tells clients to refetch. `context` is the dotted path of a mounted context.
 * - `all`: everything of the router, when nothing narrower fits (an oversized header, an event
 *   stream that reconnected and may have missed writes);
 * - `whole`: every cached instance of the context;
 * - `exact`: the one instance whose params have the same canonical key as `params`;
 * - `partial`: every instance whose params hold each field of `params` with an equal value.
 */
export type InvalidationDirective =
  | { readonly kind: 'all' }
  | { readonly kind: 'whole'; readonly context: string }
  | { readonly kind: 'exact'; readonly context: string; readonly params: unknown }
  | { readonly kind: 'partial'; readonly context: string; readonly params: Readonly<Record<string, unknown>> }

/** A directive that names an instance or a set of them by params. */
export type ScopedDirective = Extract<InvalidationDirective, { readonly params: unknown }>

/**
 * Identifies a directive for deduplication: equal keys mean the same invalidation. Params are
 * compared in their canonical form (see `canonicalKey`), so give the transformer of the wire.
 * Throws when the params cannot be keyed (see `canonicalKey`).
 */
export function directiveKey(directive: InvalidationDirective, transformer: Transformer): string {
  if (directive.kind === 'all') return 'all'
  if (directive.kind === 'whole') return `whole:${directive.context}:`
  return scopedKey(directive, canonicalKey(directive.params, transformer))
}

/** The key of a scoped directive whose params' canonical form is the JSON text `paramsText`. */
export function scopedKey(directive: ScopedDirective, paramsText: string): string {
  const key = `${directive.kind}:${directive.context}:${paramsText}`
  if (directive.kind === 'exact') return key
  // The canonical key drops undefined fields: right for an instance (`{ a, b: undefined }` is
  // `{ a }`), not for a partial match, where an undefined field means "lacking it", so
  // `where({ a, b: undefined })` is narrower than `where({ a })` and must not stand in for it.
  const lacking = lackingFields(directive.params)
  return lacking.length === 0 ? key : `${key}:lacking:${JSON.stringify(lacking.sort())}`
}

/** The fields a partial directive's instances must lack: those it gives as `undefined`. */
export function lackingFields(params: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(params).filter((field) => params[field] === undefined)
}
