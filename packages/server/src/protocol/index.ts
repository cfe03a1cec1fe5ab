/**
 * The dependency-free part of Mizan that server and client share at runtime: wire types, error
 * codes and the canonical key of params. Nothing here may import a package or a Node built-in.
 */
export { stableKey, isPlainObject } from './stable-key.ts'
export { defineField } from './define-field.ts'
export { isRecord } from './is-record.ts'
export { canonicalForm, canonicalKey, maxCanonicalDepth, maxCanonicalNodes } from './canonical-key.ts'
export { fieldKeysOf, holdsFields } from './field-keys.ts'
export type { FieldKeys } from './field-keys.ts'
export { errorStatus } from './error-codes.ts'
export type { ErrorCode, ValidationIssue } from './error-codes.ts'
export { directiveKey } from './directive.ts'
export { dedupeDirectives, dedupeKeyed, keyDirective, keyedJson } from './keyed-directives.ts'
export type { KeyedDirective } from './keyed-directives.ts'
export type { InvalidationDirective } from './directive.ts'
export { encodeDirectives } from './wire-directives.ts'
export type { WireDirective } from './wire-directives.ts'
export { jsonTransformer } from './transformer.ts'
export type { Transformer } from './transformer.ts'
export {
  bundleStreamType,
  csrfFormField,
  csrfHeader,
  defaultGetUrlBudget,
  defaultMaxItems,
  devtoolsMapRoute,
  eventsRoute,
  invalidateEvent,
  invalidateHeader,
  isMutationId,
  itemsParam,
  mutationIdHeader,
  mutationRoute,
  queryRoute,
  sessionRoute,
  wireDefaults,
} from './wire.ts'
export type { BundleItem, InvalidationMap, ItemAnswer, MappedMutation, MutationAnswer, MutationNotice, SessionAnswer, StreamedAnswer, WireError } from './wire.ts'
export { decodeNoticeHeader, encodeNoticeHeader } from './notice-header.ts'
