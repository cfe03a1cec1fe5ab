import { describe, expect, it } from 'vitest'
import { createClient } from '../src/index.ts'
import type { AppRouter } from './fixtures/app-router.ts'

// What the client's proxy answers before any request: it walks @mizan/server/protocol's pathProxy.
describe('the client proxy', () => {
  const client = createClient<AppRouter>({ url: 'http://app.test/mizan' })
  const loose = client as unknown as Record<string, Record<string, unknown>> & Record<symbol, unknown>

  it('answers the runtime members at the top, also an absent one, and never a `$` name as a path', () => {
    expect(client.$query).toBeTypeOf('function')
    expect(client.$events).toBeUndefined()
    expect(loose['$unknown']).toBeUndefined()
    // Below the top a `$` name is a path segment like any other.
    expect(loose['shop']!['$query']).toBeTypeOf('function')
  })

  it('is never a thenable and names nothing by a symbol', async () => {
    expect(loose['then']).toBeUndefined()
    expect(loose['project']!['then']).toBeUndefined()
    expect(loose[Symbol.iterator]).toBeUndefined()
    expect(await Promise.resolve(client)).toBe(client)
  })

  it('refuses a call that does not end in a verb, saying how to end it', () => {
    const notACall = 'is not a call: end it with .query(input) or .mutate(input)'
    expect(() => (loose['project'] as unknown as () => unknown)()).toThrow(new TypeError(`"project" ${notACall}`))
    expect(() => (loose['query'] as unknown as () => unknown)()).toThrow(new TypeError(`"query" ${notACall}`))
  })
})
