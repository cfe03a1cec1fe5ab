import { describe, expect, it } from 'vitest'
import { boundInput, inputBudget } from '../../src/http/bound-input.ts'

const budget = (maxInputNodes: number, maxInputDepth = 64) => inputBudget({ maxInputNodes, maxInputDepth })
const codeOf = (run: () => void) => {
  try {
    run()
  } catch (error) {
    return (error as { code?: string }).code
  }
  return undefined
}

describe('boundInput', () => {
  it('counts every slot, property, Map key and value and Set member once per place it appears', () => {
    const shared = { a: 1, b: [2, 3] } // 1 + 2 + 2 = 5 values
    const value = [shared, shared, new Map([[shared, 'v']]), new Set([shared])]
    // root + its 4 slots + 4 inside each `shared` + the Map's key and value + the Set's member
    const exact = 1 + 4 + 4 * 4 + 2 + 1
    const fits = budget(exact)
    boundInput(value, fits)
    expect(fits.nodesLeft).toBe(0)
    expect(codeOf(() => boundInput(value, budget(exact - 1)))).toBe('PAYLOAD_TOO_LARGE')
  })

  it('counts a flat object or array as it counts the same value nested, values and text, and refuses what the walk refuses', () => {
    const textBudget = (nodes: number) => inputBudget({ maxInputNodes: nodes, maxInputDepth: 64, maxBodyBytes: 1000 })
    for (const flat of [{ id: 7, name: 'Ada', at: 'x'.repeat(20), on: true, none: null }, ['a', 'bc', 3n, 4, false]]) {
      const alone = textBudget(1000)
      boundInput(flat, alone)
      // Nested one level down: one more value (the wrapper's slot), the same text.
      const nested = textBudget(1000)
      boundInput([flat], nested)
      expect(nested.nodesLeft).toBe(alone.nodesLeft - 1)
      expect(alone.textLeft).toBe(nested.textLeft)
    }
    const spent = textBudget(1000)
    boundInput({ id: 7, name: 'Ada' }, spent)
    expect([spent.nodesLeft, spent.textLeft]).toEqual([1000 - 3, 1000 - 'idnameAda'.length])
    expect(codeOf(() => boundInput({ a: 1, b: 2 }, budget(2)))).toBe('PAYLOAD_TOO_LARGE')
    expect(codeOf(() => boundInput({ a: 'x'.repeat(2000) }, textBudget(10)))).toBe('PAYLOAD_TOO_LARGE')
    expect(codeOf(() => boundInput(JSON.parse('{"__proto__":1,"a":2}'), budget(10)))).toBe('BAD_REQUEST')
    expect(codeOf(() => boundInput({ a: 1 }, budget(10, 0)))).toBe('BAD_REQUEST')
  })

  it('spends one budget across inputs', () => {
    const shared = budget(5)
    boundInput([1, 2], shared)
    expect(shared.nodesLeft).toBe(2)
    expect(codeOf(() => boundInput([1, 2], shared))).toBe('PAYLOAD_TOO_LARGE')
  })

  it('measures the depth of a shared object where it sits deepest', () => {
    const inner = [[1]] // two levels, measured first at level 2
    const value = [inner, [[inner]]] // and met again (measured) at level 4: five levels in all
    expect(codeOf(() => boundInput(value, budget(100, 4)))).toBe('BAD_REQUEST')
    expect(codeOf(() => boundInput(value, budget(100, 5)))).toBeUndefined()
  })

  it('refuses a huge sparse array before listing its slots', () => {
    const sparse: unknown[] = []
    sparse[1e9] = 1
    expect(codeOf(() => boundInput(sparse, budget(100_000)))).toBe('PAYLOAD_TOO_LARGE')
  })

  it('refuses cycles, and prototype keys anywhere, Map values included', () => {
    const cyclic: Record<string, unknown> = {}
    cyclic['self'] = { back: cyclic }
    expect(codeOf(() => boundInput(cyclic, budget(100)))).toBe('BAD_REQUEST')
    const proto = JSON.parse('{"__proto__":{"x":1}}') as object
    expect(codeOf(() => boundInput(new Map([['k', proto]]), budget(100)))).toBe('BAD_REQUEST')
    expect(codeOf(() => boundInput({ constructor: { prototype: {} } }, budget(100)))).toBe('BAD_REQUEST')
    expect(codeOf(() => boundInput({ constructor: 'a plain field' }, budget(100)))).toBeUndefined()
  })
})
