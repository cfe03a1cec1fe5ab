import { describe, expectTypeOf, it } from 'vitest'
import { mizanExpress } from '../../src/adapters/express.ts'
import type { CsrfField, MizanFetchHandler } from '../../src/adapters/fetch.ts'
import type { CsrfOptions, HandlerOptions } from '../../src/index.ts'
import { createHttpRouter } from '../http/fixtures.ts'

const router = createHttpRouter()
const createContext = () => ({ user: null })

describe('the csrf option', () => {
  it('takes settings or an explicit false, nothing else', () => {
    expectTypeOf<HandlerOptions<typeof router>['csrf']>().toEqualTypeOf<CsrfOptions | false | undefined>()
    mizanExpress({ router, createContext, csrf: { secret: 'x'.repeat(32), allowedOrigins: ['https://app.example'] } })
    mizanExpress({ router, createContext, csrf: { secret: [new Uint8Array(32), 'y'.repeat(32)] } })
    mizanExpress({ router, createContext, csrf: false })
    // @ts-expect-error the check is on by default: `true` says nothing, and is refused
    mizanExpress({ router, createContext, csrf: true })
    // @ts-expect-error a secret is text or bytes
    mizanExpress({ router, createContext, csrf: { secret: 42 } })
  })

  it('gives the adapters their view-path checks', () => {
    const mizan = mizanExpress({ router, createContext })
    expectTypeOf(mizan.checkCsrf).returns.toEqualTypeOf<Promise<void>>()
    expectTypeOf(mizan.csrfField).returns.toEqualTypeOf<Promise<string>>()
    expectTypeOf<MizanFetchHandler['csrfField']>().returns.toEqualTypeOf<Promise<CsrfField>>()
  })
})
