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
  // The scan only matters when the text could hold such a key: skip it for most requests.
  if (text.includes('__proto__') || text.includes('constructor')) assertSafe(value, what)
  return value
}

/** Checks a value some other parser produced (e.g. `express.json()`) by the same rules. */
export function assertSafe(value: unknown, what: string): void {
  if (typeof value !== 'object' || value === null) return
  try {
    secureJson.scan(value, scanOptions)
  } catch {
    throw new MizanError({
      code: 'BAD_REQUEST',
      message: `${what} holds a "__proto__" key or a "constructor" with a "prototype", which are refused`,
    })
  }
}
