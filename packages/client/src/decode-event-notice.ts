import { isPlainObject } from '@mizan/server/protocol'
import type { MutationNotice } from '@mizan/server/protocol'
import { warnDropped } from './warn-dropped.ts'
import type { DroppedSource } from './warn-dropped.ts'

/** The most characters of an event's data that are parsed; the caller checks before decoding. */
export const maxEventChars = 1024 * 1024

/**
 * The notice an `invalidate` event carries (JSON of `{ id, invalidate }`), its directives still
 * serialized; undefined, with a warning in development, when it is not one. Never throws: a bad
 * event must not reach the app.
 */
export function decodeEventNotice(data: string, source: DroppedSource): MutationNotice | undefined {
  let value: unknown
  try {
    value = JSON.parse(data)
  } catch {
    warnDropped(source, 'eventNotJson', data.slice(0, 200))
    return undefined
  }
  const notice = toNotice(value)
  if (!notice) warnDropped(source, 'eventNotANotice', value)
  return notice
}

/** `value` as a notice when it is one: an object with a string `id`, and only those fields kept. */
export function toNotice(value: unknown): MutationNotice | undefined {
  if (!isPlainObject(value) || typeof value['id'] !== 'string') return undefined
  return { id: value['id'], invalidate: value['invalidate'] }
}
