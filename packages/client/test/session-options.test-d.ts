import { describe, expectTypeOf, it } from 'vitest'
import { createClient } from '../src/index.ts'
import type { ClientOptions, SessionOptions } from '../src/index.ts'
import type { AppRouter } from './fixtures/app-router.ts'

describe('the session option', () => {
  it('takes retry settings or an explicit false', () => {
    expectTypeOf<ClientOptions['session']>().toEqualTypeOf<SessionOptions | false | undefined>()
    createClient<AppRouter>({ url: '/mizan', session: { retries: 5, retryDelayMs: 50 } })
    createClient<AppRouter>({ url: '/mizan', session: false })
    // @ts-expect-error a session is on by default: `true` is refused
    createClient<AppRouter>({ url: '/mizan', session: true })
  })
})
