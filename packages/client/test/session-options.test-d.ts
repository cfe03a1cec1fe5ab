import { describe, expectTypeOf, it } from 'vitest'
import { createClient, csrfSession } from '../src/index.ts'
import type { ClientOptions, CsrfSessionFactory } from '../src/index.ts'
import type { AppRouter } from './fixtures/app-router.ts'

describe('the session option', () => {
  it('takes the factory csrfSession() returns, with its retry settings', () => {
    expectTypeOf<ClientOptions['session']>().toEqualTypeOf<CsrfSessionFactory | undefined>()
    createClient<AppRouter>({ url: '/mizan', session: csrfSession({ retries: 5, retryDelayMs: 50 }) })
    createClient<AppRouter>({ url: '/mizan', session: csrfSession() })
    createClient<AppRouter>({ url: '/mizan' })
    // @ts-expect-error the session is a factory: settings go to csrfSession(), not here
    createClient<AppRouter>({ url: '/mizan', session: { retries: 5 } })
    // @ts-expect-error nor a flag: leaving it out is off
    createClient<AppRouter>({ url: '/mizan', session: true })
  })
})
