import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isPlainObject, stableKey } from '../../src/protocol/stable-key.ts'
import { fuzzRun } from '../fixtures/fuzz-run.ts'

// stableKey skips its sorting replacer when a walk finds every key in order already: whatever the
// value, the text must be the replacer's. This is the replacer, written out as the reference.
function reference(value: unknown): string {
  return (
    JSON.stringify(value, (_key, entry: unknown) => {
      if (!isPlainObject(entry)) return entry
      const sorted: Record<string, unknown> = {}
      for (const key of Object.keys(entry).sort()) Object.defineProperty(sorted, key, { value: entry[key], enumerable: true, writable: true, configurable: true })
      return sorted
    }) ?? ''
  )
}

class Point {
  readonly y: unknown
  readonly x: unknown
  constructor(y: unknown, x: unknown) {
    this.y = y
    this.x = x
  }
}

// Keys that sort differently by code unit and by insertion, integer-like ones (which objects list
// first, in numeric order), `__proto__`, and a few that sort near them.
const key = fc.constantFrom('a', 'b', 'B', '_', '__proto__', 'constructor', '0', '1', '9', '10', '01', 'é', '\u{1F600}', '')
const leaf = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.date({ noInvalidDate: false }))
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object'), tie('sorted'), tie('special')),
  array: fc.array(tie('tree'), { maxLength: 4 }),
  object: fc.array(fc.tuple(key, tie('tree')), { maxLength: 5 }).map(objectOf),
  // Built in sorted order, so the fast path is taken at this level.
  sorted: fc.array(fc.tuple(key, tie('tree')), { maxLength: 5 }).map((entries) => objectOf([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))),
  special: fc.oneof(
    tie('tree').map((inner) => new Point(inner, { b: 1, a: inner })),
    tie('tree').map((inner) => ({ toJSON: () => ({ z: 1, a: inner }) })),
    tie('tree').map((inner) => Object.assign(Object.create(null) as object, { b: inner, a: 2 })),
    tie('tree').map((inner) => new Map([['k', inner]])),
  ),
}))

function objectOf(entries: ReadonlyArray<readonly [string, unknown]>): Record<string, unknown> {
  const object: Record<string, unknown> = {}
  for (const [k, v] of entries) Object.defineProperty(object, k, { value: v, enumerable: true, writable: true, configurable: true })
  return object
}

describe('stableKey', () => {
  it('gives the sorting replacer’s text for any value, in key order or not', () => {
    fc.assert(
      fc.property(tree, (value) => {
        expect(stableKey(value)).toBe(reference(value))
      }),
      fuzzRun('stableKey against the sorting replacer', 2000),
    )
  })

  it('sorts what the fast walk must not pass: integer-like keys, a toJSON result, a deep value', () => {
    expect(stableKey({ 9: 'a', 10: 'b' })).toBe(reference({ 9: 'a', 10: 'b' }))
    expect(stableKey({ a: { toJSON: () => ({ b: 1, a: 2 }) } })).toBe('{"a":{"a":2,"b":1}}')
    let deep: unknown = { b: 1, a: 2 }
    for (let i = 0; i < 100; i++) deep = [deep]
    expect(stableKey(deep)).toBe(reference(deep))
  })

  it('still refuses a cycle (canonicalKey names it earlier; here the replacer overflows the stack)', () => {
    const cycle: Record<string, unknown> = { a: 1 }
    cycle['self'] = cycle
    expect(() => stableKey(cycle)).toThrow()
  })
})
