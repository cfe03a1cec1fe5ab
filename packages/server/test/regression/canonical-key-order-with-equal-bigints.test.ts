import superjson from 'superjson'
import { describe, expect, it } from 'vitest'
import { canonicalForm, canonicalKey, dedupeDirectives } from '../../src/protocol/index.ts'

// Found by canonical-key.property.test.ts (shrunk: `[{ ".": 0n, "": 0n }]` against
// `[{ "": 0n, ".": 0n }]`). superjson records equal BigInts (and NaNs) as referential
// equalities, named by the path it meets first, so the canonical form of params holding two
// equal BigInts depended on the order of their keys: equal params had different keys and query
// keys (a missed exact invalidation, a duplicate directive). Keys are now walked sorted.

describe('params holding equal BigInts or NaNs, in any key order', () => {
  const pairs: readonly (readonly [unknown, unknown])[] = [
    [[{ '.': 0n, '': 0n }], [{ '': 0n, '.': 0n }]],
    [{ a: 1n, b: 1n }, { b: 1n, a: 1n }],
    [{ b: new Set([Number.NaN]), a: new Set([Number.NaN]) }, { a: new Set([Number.NaN]), b: new Set([Number.NaN]) }],
  ]

  it.each(pairs)('have one canonical key and form: %o and %o', (first, second) => {
    expect(canonicalKey(first, superjson)).toBe(canonicalKey(second, superjson))
    expect(canonicalForm(first, superjson)).toEqual(canonicalForm(second, superjson))
  })

  it('make one directive', () => {
    const directives = dedupeDirectives(
      [
        { kind: 'exact', context: 'project', params: { a: 1n, b: 1n } },
        { kind: 'exact', context: 'project', params: { b: 1n, a: 1n } },
      ],
      superjson,
    )
    expect(directives).toHaveLength(1)
  })
})
