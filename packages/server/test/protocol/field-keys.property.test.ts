import fc from 'fast-check'
import superjson from 'superjson'
import { describe, expect, it } from 'vitest'
import { canonicalKey, fieldKeysOf, jsonTransformer } from '../../src/protocol/index.ts'
import type { Transformer } from '../../src/protocol/index.ts'
import { fuzzRun } from '../fixtures/fuzz-run.ts'
import { realise, treeArbitrary } from '../fixtures/value-arbitraries.ts'
import type { Flavour } from '../fixtures/value-arbitraries.ts'

// fieldKeysOf keys strings, booleans, null and most numbers by their JSON text, skipping the
// transformer: two fields must still have equal keys exactly when their canonical keys are equal.
const flavours: readonly (readonly [Flavour, Transformer])[] = [
  ['superjson', superjson],
  ['json', jsonTransformer],
]

describe.each(flavours)('fieldKeysOf with %s', (flavour, transformer) => {
  const fieldKey = (value: unknown) => fieldKeysOf({ field: value }, transformer, false).get('field')
  // Primitives that look alike across types ("1" and 1, "null" and null, -0 and 0, a Date's text
  // and the Date) beside arbitrary values, so that equal keys across kinds are actually tried.
  const lookalike = fc.constantFrom<unknown>(1, '1', 0, -0, '0', null, 'null', true, 'true', '{"json":1}', '2026-01-01T00:00:00.000Z', new Date(Date.UTC(2026, 0, 1)), [1], { json: 1 }, Number.NaN)
  const values = fc.oneof(lookalike, treeArbitrary({ flavour, depth: 2, width: 3 }).map((tree) => realise(tree)))
  const keyable = (value: unknown) => {
    try {
      canonicalKey(value, transformer)
      return true
    } catch {
      return false
    }
  }

  it('keys two field values equally exactly when their canonical keys are equal', () => {
    const pairs = fc.tuple(values, values).filter(([a, b]) => keyable(a) && keyable(b))
    fc.assert(
      fc.property(pairs, ([a, b]) => {
        expect(fieldKey(a) === fieldKey(b), `${String(fieldKey(a))} / ${String(fieldKey(b))}`).toBe(canonicalKey(a, transformer) === canonicalKey(b, transformer))
      }),
      fuzzRun(`field keys (${flavour}) against canonical keys`, 3000),
    )
  })

  it('leaves out undefined fields, or keeps them as undefined for a directive', () => {
    expect([...fieldKeysOf({ a: 1, b: undefined }, transformer, false).keys()]).toEqual(['a'])
    expect(fieldKeysOf({ a: 1, b: undefined }, transformer, true).get('b')).toBeUndefined()
    expect(fieldKeysOf({ a: 1, b: undefined }, transformer, true).has('b')).toBe(true)
  })
})
