import { canonicalForm } from '@mizan/client'
import type { Transformer } from '@mizan/client'

/** Sits after the input in the key of an infinite query, so it never collides with a plain one. */
export const infiniteMarker = { infinite: true } as const

/**
 * `['mizan', path]` for a context without input, `['mizan', path, input]` with one, where the
 * input is in its canonical form (`canonicalForm`: undefined properties dropped, shared
 * references expanded, the transformer's JSON form), so `{ a, b: undefined }` keys like `{ a }`,
 * a value used twice like two equal values, and Dates, Maps and BigInt hash stably; infinite
 * queries end with the marker. `path` is the whole dotted path, so a sub-router never matches.
 */
export type MizanQueryKey =
  | readonly ['mizan', string]
  | readonly ['mizan', string, unknown]
  | readonly ['mizan', string, unknown, typeof infiniteMarker]

export function queryKeyOf(path: string, input: unknown, transformer: Transformer): MizanQueryKey {
  return input === undefined ? ['mizan', path] : ['mizan', path, canonicalForm(input, transformer)]
}

export function infiniteQueryKeyOf(path: string, input: unknown, transformer: Transformer): MizanQueryKey {
  return infiniteOf(queryKeyOf(path, input, transformer))
}

/** The infinite query's key beside a plain one: its input, null for none, then the marker. */
export function infiniteOf([, path, input = null]: MizanQueryKey): MizanQueryKey {
  return ['mizan', path, input, infiniteMarker]
}

/** The context path of a Mizan query key, or undefined for any other key. */
export function pathOfKey(key: readonly unknown[]): string | undefined {
  return key[0] === 'mizan' && typeof key[1] === 'string' ? key[1] : undefined
}
