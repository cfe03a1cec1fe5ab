import { isDeepStrictEqual } from 'node:util'
import fc from 'fast-check'
import superjson from 'superjson'
import { describe, expect, it } from 'vitest'
import { canonicalKey, jsonTransformer } from '../../src/protocol/index.ts'
import type { Transformer } from '../../src/protocol/index.ts'
import { canonicalModel } from '../fixtures/canonical-model.ts'
import { fuzzRun } from '../fixtures/fuzz-run.ts'
import { chainArbitrary, changeOneLeaf, realise, treeArbitrary } from '../fixtures/value-arbitraries.ts'
import type { Flavour } from '../fixtures/value-arbitraries.ts'

// The canonical key, property by property (see canonical-key.ts for the rule). Values hold
// objects, arrays, strings (awkward characters, lone surrogates), numbers, booleans, null and,
// with superjson, undefined, BigInt, valid Dates, Maps and Sets. Numbers: superjson keeps -0,
// NaN and the infinities apart, so every double is generated; JSON has no form for NaN or the
// infinities (they are not JSON values, so not generated) and writes -0 as 0, so under plain
// JSON -0 and 0 are one value. Keys `__proto__`, `constructor` and `prototype` are generated for
// plain JSON only: superjson refuses to serialise them, so such params have no key there.

const flavours: readonly (readonly [Flavour, Transformer])[] = [
  ['superjson', superjson],
  ['json', jsonTransformer],
]

describe.each(flavours)('canonicalKey with %s, for arbitrary values', (flavour, transformer) => {
  const key = (value: unknown) => canonicalKey(value, transformer)
  const model = (value: unknown) => canonicalModel(value, { flavour })
  const prototypeKeys = flavour === 'json'
  // Tiny values now and then: equal leaves (two equal BigInts, say) are common among them.
  const tiny = treeArbitrary({ flavour, tiny: true, withRefs: true, depth: 2, width: 3 })
  const trees = fc.oneof(treeArbitrary({ flavour, prototypeKeys }), tiny)
  const sharing = fc.oneof(treeArbitrary({ flavour, prototypeKeys, withRefs: true }), tiny)
  const check = <Ts>(name: string, runs: number, property: fc.IProperty<Ts>) => {
    fc.assert(property, fuzzRun(`canonical-key (${flavour}) ${name}`, runs))
  }

  it('keys values equally whatever the order of their object keys', () => {
    const pairs = fc.tuple(trees, fc.integer({ min: 1 })).map(([tree, shuffle]) => [realise(tree), realise(tree, { shuffle })] as const)
    check('key order', 2000, fc.property(pairs, ([value, reordered]) => {
      expect(key(reordered)).toBe(key(value))
    }))
  })

  it('keys values equally with or without undefined properties', () => {
    const pairs = trees.map((tree) => [realise(tree), realise(tree, { absent: true })] as const)
    check('undefined properties', 500, fc.property(pairs, ([value, withUndefined]) => {
      expect(key(withUndefined)).toBe(key(value))
    }))
  })

  it('keys a value holding one object twice like one holding two equal copies', () => {
    // The tree goes with the pair: printed values cannot show which objects are shared, its refs can.
    const pairs = sharing.map((tree) => [realise(tree), realise(tree, { share: true }), tree] as const)
    check('shared references', 500, fc.property(pairs, ([copies, shared]) => {
      expect(key(shared)).toBe(key(copies))
    }))
  })

  it('keys a value differently once one leaf changes to another value of its type', () => {
    const pairs = fc
      .tuple(sharing, fc.nat(), fc.integer({ min: 1 }))
      .map(([tree, leaf, shuffle]) => [realise(tree, { share: true }), realise(changeOneLeaf(tree, leaf), { shuffle, absent: true })] as const)
    check('one leaf changed', 500, fc.property(pairs, ([value, changed]) => {
      // A change can be undone by a Set dropping a member that became a duplicate: then the
      // values are equal, and so must the keys be.
      expect(key(changed) === key(value), `keys ${key(value)} and ${key(changed)}`).toBe(isDeepStrictEqual(model(changed), model(value)))
    }))
  })

  it('keys two values equally exactly when they are equal (no collision, no split)', () => {
    // Tiny values, so that independent pairs are often equal or nearly so.
    const pairs = fc.tuple(tiny, tiny, fc.integer({ min: 1 }), fc.boolean()).map(([a, b, shuffle, share]) => [realise(a), realise(b, { shuffle, share, absent: true })] as const)
    check('equal iff equal', 2000, fc.property(pairs, ([a, b]) => {
      expect(key(a) === key(b), `keys ${key(a)} and ${key(b)}`).toBe(isDeepStrictEqual(model(a), model(b)))
    }))
  })

  it('never throws for values within the decoding bounds: 64 levels deep, or wider and longer', () => {
    const deep = chainArbitrary(flavour, 64).map((tree) => realise(tree))
    const wide = treeArbitrary({ flavour, prototypeKeys, withRefs: true, depth: 4, width: 8, longStrings: 2000 }).map((tree) => realise(tree, { share: true, absent: true }))
    check('within bounds', 200, fc.property(fc.oneof(deep, wide), (value) => {
      expect(typeof key(value)).toBe('string')
    }))
  })
})
