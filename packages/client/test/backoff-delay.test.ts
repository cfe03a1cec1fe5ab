import { afterEach, describe, expect, it, vi } from 'vitest'
import { backoffDelay } from '../src/backoff-delay.ts'

afterEach(() => vi.restoreAllMocks())

describe('the reconnect backoff', () => {
  it('doubles from 500 ms up to 30 s by default, its upper half random', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0)
    expect([0, 1, 2, 3, 6, 7, 50].map((attempt) => backoffDelay(attempt))).toEqual([250, 500, 1000, 2000, 15_000, 15_000, 15_000])
    vi.spyOn(Math, 'random').mockReturnValue(0.999_999)
    expect(backoffDelay(0)).toBeCloseTo(500, 2)
    expect(backoffDelay(50)).toBeCloseTo(30_000, 1)
  })

  it('takes its own bounds', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5)
    expect([0, 1, 2].map((attempt) => backoffDelay(attempt, { initialMs: 100, maxMs: 300 }))).toEqual([75, 150, 225])
  })
})
