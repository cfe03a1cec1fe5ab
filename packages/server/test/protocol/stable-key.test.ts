import { describe, expect, it } from 'vitest'
import { dedupeDirectives, jsonTransformer, stableKey } from '../../src/protocol/index.ts'

describe('stableKey', () => {
  it('ignores key order at every depth', () => {
    expect(stableKey({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: 3 } })).toBe(stableKey({ a: { c: 3, d: [1, { x: 1, y: 2 }] }, b: 1 }))
    expect(stableKey({ b: 1, a: 2 })).toBe('{"a":2,"b":1}')
  })

  it('keeps array order and drops undefined properties', () => {
    expect(stableKey([2, 1])).not.toBe(stableKey([1, 2]))
    expect(stableKey({ a: 1, b: undefined })).toBe(stableKey({ a: 1 }))
  })

  it('keys primitives and the absent value', () => {
    expect(stableKey('x')).toBe('"x"')
    expect(stableKey(7)).toBe('7')
    expect(stableKey(null)).toBe('null')
    expect(stableKey(undefined)).toBe('')
  })

  it('leaves the order of non-plain objects to their own JSON form', () => {
    expect(stableKey({ at: new Date(0) })).toBe('{"at":"1970-01-01T00:00:00.000Z"}')
  })
})

describe('dedupeDirectives', () => {
  it('keeps every distinct scoped directive of one context, in order', () => {
    const directives = dedupeDirectives([
      { kind: 'exact', context: 'project', params: { id: 1, x: 2 } },
      { kind: 'exact', context: 'project', params: { x: 2, id: 1 } },
      { kind: 'exact', context: 'project', params: { id: 2 } },
      { kind: 'partial', context: 'project', params: { id: 1 } },
    ], jsonTransformer)
    expect(directives).toEqual([
      { kind: 'exact', context: 'project', params: { id: 1, x: 2 } },
      { kind: 'exact', context: 'project', params: { id: 2 } },
      { kind: 'partial', context: 'project', params: { id: 1 } },
    ])
  })

  it('lets a whole-context directive cover scoped ones of that context only', () => {
    const directives = dedupeDirectives([
      { kind: 'exact', context: 'shop.cart', params: { id: 1 } },
      { kind: 'exact', context: 'shop', params: { id: 1 } },
      { kind: 'whole', context: 'shop.cart' },
      { kind: 'whole', context: 'shop.cart' },
    ], jsonTransformer)
    expect(directives).toEqual([
      { kind: 'exact', context: 'shop', params: { id: 1 } },
      { kind: 'whole', context: 'shop.cart' },
    ])
  })
})
