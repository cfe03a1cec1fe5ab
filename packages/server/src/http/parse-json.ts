import secureJson from 'secure-json-parse'
import { MizanError } from '../error.ts'

const scanOptions = { protoAction: 'error', constructorAction: 'error' } as const

/**
 * Parses request JSON, refusing what could pollute prototypes: `__proto__` keys and
 * `constructor` objects holding `prototype` (secure-json-parse's rules; a plain field named
 * `constructor` is fine).
 */
export function parseJson(text: string, what: string): unknown {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new MizanError({ code: 'BAD_REQUEST', message: `${what} is not valid JSON` })
  }
  // The scan only matters when the text could hold such a key: skip it when the text proves it
  // cannot. Without a backslash a key is spelled as it is; with one, JSON escapes
  // (`"\u005f_proto__"`) can spell any key, so the parsed value is scanned.
  if (text.includes('\\') || text.includes('__proto__') || text.includes('constructor')) assertSafe(value, what)
  return value
}

/** Checks a value some other parser produced (e.g. `express.json()`) by the same rules. */
export function assertSafe(value: unknown, what: string): void {
  if (typeof value !== 'object' || value === null) return
  try {
    secureJson.scan(value, scanOptions)
  } catch {
    throw prototypeKeyError(what)
  }
}

/**
 * The same rules for one object of a decoded value (after a transformer, whose output can hold
 * keys its JSON never spelled): an own `__proto__` key, or an own `constructor` object holding an
 * own `prototype`.
 */
export function holdsPrototypeKey(object: object): boolean {
  if (Object.hasOwn(object, '__proto__')) return true
  if (!Object.hasOwn(object, 'constructor')) return false
  const { constructor } = object as { constructor: unknown }
  return typeof constructor === 'object' && constructor !== null && Object.hasOwn(constructor, 'prototype')
}

export function prototypeKeyError(what: string): MizanError {
  return new MizanError({
    code: 'BAD_REQUEST',
    message: `${what} holds a "__proto__" key or a "constructor" with a "prototype", which are refused`,
  })
}
