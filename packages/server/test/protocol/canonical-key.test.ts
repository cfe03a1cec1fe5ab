import superjson from 'superjson'
import { describe, expect, it } from 'vitest'
import { canonicalForm, canonicalKey, dedupeDirectives, directiveKey, jsonTransformer, maxCanonicalDepth, maxCanonicalNodes } from '../../src/protocol/index.ts'
import type { InvalidationDirective, Transformer } from '../../src/protocol/index.ts'
import { cycle, nest } from '../fixtures/awkward-values.ts'

const transformers = [
  ['superjson', superjson as Transformer],
  ['plain JSON', jsonTransformer],
] as const

describe.each(transformers)('canonicalKey with %s', (_name, transformer) => {
  const key = (value: unknown) => canonicalKey(value, transformer)

  it('is equal whatever the key order, at every depth', () => {
    expect(key({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: 3 } })).toBe(key({ a: { c: 3, d: [1, { x: 1, y: 2 }] }, b: 1 }))
  })

  it('drops undefined properties, at every depth', () => {
    expect(key({ a: 1, b: undefined })).toBe(key({ a: 1 }))
    expect(key({ a: { b: undefined, c: [{ d: undefined }] } })).toBe(key({ a: { c: [{}] } }))
  })

  it('expands shared references: a value used twice keys like two equal values', () => {
    const shared = { id: 7, at: new Date(0) }
    expect(key({ from: shared, to: shared })).toBe(key({ from: { id: 7, at: new Date(0) }, to: { id: 7, at: new Date(0) } }))
    const list = [1, 2]
    expect(key([list, list])).toBe(key([[1, 2], [1, 2]]))
  })

  it('keeps array order', () => {
    expect(key([1, 2])).not.toBe(key([2, 1]))
  })

  it('keeps an own "__proto__" key as a key', () => {
    const withProto = JSON.parse('{"__proto__": {"x": 1}, "a": 1}') as unknown
    if (transformer === jsonTransformer) expect(key(withProto)).not.toBe(key({ a: 1 }))
    // superjson refuses such a key outright: no key is better than a colliding one.
    else expect(() => key(withProto)).toThrow()
  })

  it(`throws once shared references would expand past ${maxCanonicalNodes} values, without walking them all`, () => {
    let shared: unknown = 'leaf'
    for (let level = 0; level < 30; level++) shared = [shared, shared]
    expect(() => key({ shared })).toThrow(/more than/)
  })

  it('throws for a cycle', () => {
    expect(() => key(cycle())).toThrow(TypeError)
    expect(() => key({ list: [cycle()] })).toThrow('cycle')
  })

  it(`throws for values nested deeper than ${maxCanonicalDepth} levels, without overflowing the stack`, () => {
    expect(() => key(nest(maxCanonicalDepth / 2))).not.toThrow()
    expect(() => key(nest(maxCanonicalDepth + 2))).toThrow(TypeError)
    expect(() => key(nest(10_000))).toThrow(`deeper than ${maxCanonicalDepth}`)
  })
})

describe('canonicalKey with superjson', () => {
  const key = (value: unknown) => canonicalKey(value, superjson)

  it('tells different BigInt, Map, Set and Date values apart', () => {
    expect(key({ n: 1n })).not.toBe(key({ n: 2n }))
    expect(key({ n: 1n })).not.toBe(key({ n: 1 }))
    expect(key({ n: 1n })).not.toBe(key({ n: '1' }))
    expect(key(new Map([['k', 1]]))).not.toBe(key(new Map([['k', 2]])))
    expect(key(new Map([['k', 1]]))).not.toBe(key(new Map([['j', 1]])))
    expect(key(new Set(['a']))).not.toBe(key(new Set(['b'])))
    expect(key(new Set(['a']))).not.toBe(key(['a']))
    expect(key({ at: new Date(0) })).not.toBe(key({ at: new Date(1) }))
    expect(key({ at: new Date(0) })).not.toBe(key({ at: '1970-01-01T00:00:00.000Z' }))
  })

  it('keys equal BigInt, Map, Set and Date values equally', () => {
    expect(key({ n: 10n, m: new Map([['k', new Set([1n])]]), at: new Date(5) })).toBe(
      key({ at: new Date(5), m: new Map([['k', new Set([1n])]]), n: 10n }),
    )
  })

  it('keys flat params of equal BigInts (or NaNs) equally whatever their key order: superjson names their sharing by the first path', () => {
    expect(key({ b: 1n, a: 1n })).toBe(key({ a: 1n, b: 1n }))
    expect(key({ b: Number.NaN, a: Number.NaN })).toBe(key({ a: Number.NaN, b: Number.NaN }))
  })

  it('drops undefined properties inside Maps and Sets too', () => {
    expect(key(new Set([{ a: 1, b: undefined }]))).toBe(key(new Set([{ a: 1 }])))
    expect(key(new Map([['k', { a: 1, b: undefined }]]))).toBe(key(new Map([['k', { a: 1 }]])))
  })

  it('gives the transformer a tree: no referential equalities in the canonical form', () => {
    const shared = { id: 7 }
    expect(canonicalForm({ a: shared, b: shared }, superjson)).toEqual({ json: { a: { id: 7 }, b: { id: 7 } } })
  })
})

describe('canonicalKey with plain JSON', () => {
  it('throws for a BigInt, which plain JSON cannot carry', () => {
    expect(() => canonicalKey({ n: 1n }, jsonTransformer)).toThrow(TypeError)
  })
})

describe('dedupeDirectives and canonical keys', () => {
  it('keeps directives whose params differ only as BigInt, Set or Map values apart, and merges equal ones', () => {
    const directives: InvalidationDirective[] = [
      { kind: 'exact', context: 'tree', params: new Set(['a']) },
      { kind: 'exact', context: 'tree', params: new Set(['b']) },
      { kind: 'exact', context: 'tree', params: { n: 1n } },
      { kind: 'exact', context: 'tree', params: { n: 2n } },
      { kind: 'partial', context: 'tree', params: { m: new Map([['k', 1]]) } },
      { kind: 'partial', context: 'tree', params: { m: new Map([['k', 2]]) } },
      { kind: 'exact', context: 'tree', params: { n: 1n, gone: undefined } },
    ]
    expect(dedupeDirectives(directives, superjson)).toEqual(directives.slice(0, 6))
  })

  it('widens a directive whose params cannot be keyed to its whole context, which covers the rest of it', () => {
    const directives: InvalidationDirective[] = [
      { kind: 'exact', context: 'project', params: { id: 1 } },
      { kind: 'exact', context: 'tree', params: { ok: true } },
      { kind: 'exact', context: 'tree', params: nest(10_000) },
      { kind: 'partial', context: 'list', params: { n: 1n } },
      { kind: 'partial', context: 'list', params: { n: 2n } },
    ]
    expect(dedupeDirectives(directives, jsonTransformer)).toEqual([
      { kind: 'exact', context: 'project', params: { id: 1 } },
      { kind: 'whole', context: 'tree' },
      { kind: 'whole', context: 'list' },
    ])
  })
})

describe('directiveKey of partial directives', () => {
  it('keeps a field that must be lacking apart from a field left free', () => {
    const free: InvalidationDirective = { kind: 'partial', context: 'tasks', params: { projectId: 4 } }
    const lacking: InvalidationDirective = { kind: 'partial', context: 'tasks', params: { projectId: 4, done: undefined } }
    expect(directiveKey(free, superjson)).not.toBe(directiveKey(lacking, superjson))
    expect(dedupeDirectives([lacking, free], jsonTransformer)).toEqual([lacking, free])
  })

  it('leaves exact directives keyed by their canonical params, undefined fields dropped', () => {
    const a: InvalidationDirective = { kind: 'exact', context: 'tasks', params: { projectId: 4 } }
    const b: InvalidationDirective = { kind: 'exact', context: 'tasks', params: { projectId: 4, done: undefined } }
    expect(directiveKey(a, superjson)).toBe(directiveKey(b, superjson))
  })
})
