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
