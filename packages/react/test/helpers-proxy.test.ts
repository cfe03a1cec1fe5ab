import { describe, expect, it } from 'vitest'
import { createMizanReact } from '../src/index.ts'
import type { NestedRouter } from './fixtures/nested-router.ts'

// What the option factories' proxy answers: helpers at a procedure's path, a longer path otherwise.
describe('the createMizanReact proxy', () => {
  const mizan = createMizanReact<NestedRouter>()
  const loose = mizan as unknown as Record<string, Record<string, Record<string, unknown>>> & Record<symbol, unknown>

  it('answers helpers below the top, the same functions on every access', () => {
    expect(loose['queryKey']).toBeTypeOf('object')
    expect(loose['shop']!['cart']!['queryKey']).toBeTypeOf('function')
    expect(loose['shop']!['cart']!['queryKey']).toBe(loose['shop']!['cart']!['queryKey'])
    expect(mizan.shop.cart.queryKey()).toEqual(['mizan', 'shop.cart'])
  })

  it('is an object, never a thenable, and names nothing by a symbol', async () => {
    expect(mizan).toBeTypeOf('object')
    expect(loose['then']).toBeUndefined()
    expect(loose['shop']!['then']).toBeUndefined()
    expect(loose[Symbol.iterator]).toBeUndefined()
    expect(await Promise.resolve(mizan)).toBe(mizan)
  })
})
