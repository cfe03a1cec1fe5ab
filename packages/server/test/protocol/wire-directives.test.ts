import superjson from 'superjson'
import { describe, expect, it } from 'vitest'
import { canonicalForm, canonicalKey, dedupeDirectives, encodeDirectives, jsonTransformer, stableKey } from '../../src/protocol/index.ts'
import type { InvalidationDirective } from '../../src/protocol/index.ts'
import { fromWire } from '../fixtures/from-wire.ts'

describe('directives on the wire', () => {
  it('are a plain JSON list: only the params go through the transformer, in their canonical form', () => {
    const at = new Date(Date.UTC(2026, 0, 1))
    const directives: InvalidationDirective[] = [
      { kind: 'whole', context: 'projects' },
      { kind: 'exact', context: 'project', params: { id: 7n, at, note: undefined } },
      { kind: 'all' },
    ]
    expect(JSON.parse(JSON.stringify(encodeDirectives(directives, superjson)))).toEqual([
      { kind: 'whole', context: 'projects' },
      { kind: 'exact', context: 'project', params: JSON.parse(JSON.stringify(canonicalForm({ at, id: 7n }, superjson))) },
      { kind: 'all' },
    ])
  })

  it('list the fields a partial directive wants lacking, which its canonical form drops, and give them back', () => {
    const partial: InvalidationDirective = { kind: 'partial', context: 'tasks', params: { projectId: 4, done: undefined } }
    const wire = encodeDirectives([partial], superjson)
    expect(wire).toEqual([{ kind: 'partial', context: 'tasks', params: { json: { projectId: 4 } }, lacking: ['done'] }])
    expect(fromWire(JSON.parse(JSON.stringify(wire)))).toEqual([partial])
    expect(encodeDirectives([{ kind: 'partial', context: 'tasks', params: { projectId: 4 } }], jsonTransformer)).toEqual([
      { kind: 'partial', context: 'tasks', params: { projectId: 4 } },
    ])
  })

  it('round-trip through JSON to equal directives, under superjson and plain JSON', () => {
    const directives: InvalidationDirective[] = [
      { kind: 'exact', context: 'board', params: { tags: new Set(['a']), by: new Map([[1, 'x']]), at: new Date(0) } },
      { kind: 'exact', context: 'user', params: 'ada' },
      { kind: 'partial', context: 'search', params: { text: 'é\u2028"', page: 2 } },
    ]
    expect(fromWire(JSON.parse(JSON.stringify(encodeDirectives(directives, superjson))))).toEqual(directives)
    const plain = directives.slice(1)
    expect(fromWire(JSON.parse(JSON.stringify(encodeDirectives(plain, jsonTransformer))), jsonTransformer)).toEqual(plain)
  })

  it('send the canonical form their dedupe keyed, in the form of the transformer given', () => {
    const directives = dedupeDirectives(
      [
        { kind: 'exact', context: 'project', params: { id: 1, tag: undefined } },
        { kind: 'exact', context: 'project', params: { tag: undefined, id: 1 } },
        { kind: 'exact', context: 'project', params: { when: new Date(0), id: 2 } },
      ],
      superjson,
    )
    // The two spellings of one instance are one directive, sent as the form that keyed them.
    expect(encodeDirectives(directives, superjson)).toEqual([
      { kind: 'exact', context: 'project', params: { json: { id: 1 } } },
      { kind: 'exact', context: 'project', params: { json: { id: 2, when: '1970-01-01T00:00:00.000Z' }, meta: { values: { when: ['Date'] }, v: 1 } } },
    ])
    expect(encodeDirectives(directives, superjson).map((directive) => 'params' in directive && stableKey(directive.params))).toEqual(
      directives.map((directive) => 'params' in directive && canonicalKey(directive.params, superjson)),
    )
    // Another transformer makes its own form.
    expect(encodeDirectives(directives.slice(0, 1), jsonTransformer)).toEqual([{ kind: 'exact', context: 'project', params: { id: 1 } }])
  })
})
