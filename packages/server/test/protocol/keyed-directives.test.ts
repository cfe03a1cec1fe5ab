import fc from 'fast-check'
import superjson from 'superjson'
import { describe, expect, it } from 'vitest'
import { dedupeDirectives, dedupeKeyed, directiveKey, encodeDirectives, jsonTransformer, keyDirective, keyedJson } from '../../src/protocol/index.ts'
import type { InvalidationDirective, Transformer } from '../../src/protocol/index.ts'
import { fuzzRun } from '../fixtures/fuzz-run.ts'
import { realise, treeArbitrary } from '../fixtures/value-arbitraries.ts'
import type { Flavour } from '../fixtures/value-arbitraries.ts'

// A write's directives are keyed and written for the wire from one canonical form of their
// params (`keyDirective`): the text must be the JSON of what `encodeDirectives` gives (which
// headers and events send), and the key `directiveKey`'s, for any params.

const flavours: readonly (readonly [Flavour, Transformer])[] = [
  ['superjson', superjson],
  ['json', jsonTransformer],
]

describe.each(flavours)('keyed directives with %s', (flavour, transformer) => {
  const directives = fc
    .tuple(fc.constantFrom('exact', 'partial'), fc.constantFrom('project', 'a.b', 'é"\\'), treeArbitrary({ flavour, withRefs: true }), fc.boolean())
    .map(([kind, context, tree, lacking]): InvalidationDirective => {
      const value = realise(tree, { absent: true })
      if (kind === 'exact') return { kind, context, params: value }
      const params = typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Map) && !(value instanceof Set) && !(value instanceof Date) ? (value as Record<string, unknown>) : { value }
      return { kind, context, params: lacking ? { ...params, gone: undefined } : params }
    })

  it('write the JSON of encodeDirectives and key as directiveKey does, for arbitrary params', () => {
    fc.assert(
      fc.property(directives, (directive) => {
        let expected: { key: string; wire: unknown }
        try {
          expected = { key: directiveKey(directive, transformer), wire: JSON.parse(JSON.stringify(encodeDirectives([directive], transformer)))[0] }
        } catch {
          // No key can be made of these params: neither can the keyed form.
          expect(() => keyDirective(directive, transformer)).toThrow()
          return
        }
        const keyed = keyDirective(directive, transformer)
        expect(keyed.key).toBe(expected.key)
        expect(JSON.parse(keyed.json)).toEqual(expected.wire)
      }),
      fuzzRun(`keyed-directives (${flavour})`, 1000),
    )
  })

  it('keep the first of equal directives, drop what a whole context covers, and list the rest as the JSON encodeDirectives gives', () => {
    const list: InvalidationDirective[] = [
      { kind: 'whole', context: 'projects' },
      { kind: 'exact', context: 'project', params: { id: 1, note: undefined } },
      { kind: 'exact', context: 'project', params: { id: 1 } },
      { kind: 'exact', context: 'projects', params: { id: 2 } },
      { kind: 'partial', context: 'tasks', params: { projectId: 1, done: undefined } },
    ]
    const keyed = dedupeKeyed(list, transformer)
    expect(keyed.map(({ directive }) => directive)).toEqual([list[0], list[1], list[4]])
    expect(JSON.parse(keyedJson(keyed))).toEqual(JSON.parse(JSON.stringify(encodeDirectives(dedupeDirectives(list, transformer), transformer))))
    expect(keyedJson([])).toBe('[]')
  })
})

describe('the dedupe of keyed directives', () => {
  // The rule, written plainly: `all` covers everything; a whole context (given, or widened to from
  // params no key can be made of) covers its scoped directives; of equal keys the first is kept.
  const reference = (list: readonly InvalidationDirective[]) => {
    if (list.some((d) => d.kind === 'all')) return [{ kind: 'all' }]
    const widened = list.map((d) => {
      if (d.kind === 'all' || d.kind === 'whole') return d
      try {
        directiveKey(d, jsonTransformer)
        return d
      } catch {
        return { kind: 'whole', context: d.context } as const
      }
    })
    const wholes = widened.filter((d) => d.kind === 'whole').map((d) => (d as { context: string }).context)
    const kept: InvalidationDirective[] = []
    for (const d of widened) {
      if (d.kind !== 'whole' && d.kind !== 'all' && wholes.includes(d.context)) continue
      if (kept.some((k) => directiveKey(k, jsonTransformer) === directiveKey(d, jsonTransformer))) continue
      kept.push(d)
    }
    return kept
  }
  const directive = fc.oneof(
    { arbitrary: fc.constantFrom('a', 'b', 'c').map((context): InvalidationDirective => ({ kind: 'whole', context })), weight: 4 },
    {
      arbitrary: fc
        .tuple(fc.constantFrom('exact', 'partial'), fc.constantFrom('a', 'b', 'c'), fc.constantFrom<unknown>(0, 1, 2, 1n))
        .map(([kind, context, id]): InvalidationDirective => (kind === 'exact' ? { kind, context, params: { id } } : { kind, context, params: { id } })),
      weight: 12,
    },
    { arbitrary: fc.constant<InvalidationDirective>({ kind: 'all' }), weight: 1 },
  )

  it('keeps the first of equal directives and drops what a whole context covers, few or many (pairwise or through sets)', () => {
    fc.assert(
      fc.property(fc.array(directive, { maxLength: 30 }), (list) => {
        // A BigInt id has no key under plain JSON: that directive widens to its whole context.
        expect(dedupeKeyed(list, jsonTransformer).map(({ directive }) => directive)).toEqual(reference(list))
      }),
      fuzzRun('keyed-directives dedupe', 500),
    )
  })
})

describe('a keyed directive', () => {
  it('leaves out params that serialise to nothing, as JSON.stringify does', () => {
    const keyed = keyDirective({ kind: 'exact', context: 'me', params: undefined }, jsonTransformer)
    expect(JSON.parse(keyed.json)).toEqual({ kind: 'exact', context: 'me' })
  })

  it('widens to its whole context when its params cannot be keyed (a BigInt under plain JSON)', () => {
    const keyed = dedupeKeyed([{ kind: 'exact', context: 'project', params: { id: 1n } }], jsonTransformer)
    expect(keyed.map(({ directive, json }) => [directive, JSON.parse(json)])).toEqual([[{ kind: 'whole', context: 'project' }, { kind: 'whole', context: 'project' }]])
  })
})
