// Type tests: checked by `tsc -b` inside `npm test`.
import { QueryClient } from '@tanstack/react-query'
import type { ComponentProps } from 'react'
import { describe, expectTypeOf, it } from 'vitest'
import { createClient, inspect } from '@mizan/client'
import type { ClientRuntime, FlushedDirective, InspectEvent, Inspector } from '@mizan/client'
import type { InvalidationMap as ServedMap } from '@mizan/server/protocol'
import { MizanDevtools } from '../src/devtools/index.ts'
import type { DevtoolsPosition, InvalidationMap, MizanDevtoolsProps } from '../src/devtools/index.ts'
import type { AppRouter } from './fixtures/app-router.ts'

const client = createClient<AppRouter>({ url: '/mizan' })

describe('MizanDevtools', () => {
  it('takes a client, and optionally a QueryClient, whether it starts open, and a corner', () => {
    expectTypeOf<ComponentProps<typeof MizanDevtools>>().toEqualTypeOf<MizanDevtoolsProps>()
    expectTypeOf<MizanDevtoolsProps['client']>().toEqualTypeOf<ClientRuntime>()
    expectTypeOf<DevtoolsPosition>().toEqualTypeOf<'bottom-right' | 'bottom-left' | 'top-right' | 'top-left'>()
    void (<MizanDevtools client={client} />)
    void (<MizanDevtools client={client} queryClient={new QueryClient()} initialIsOpen position="top-left" />)
    // @ts-expect-error: the client is required
    void (<MizanDevtools />)
    // @ts-expect-error: a corner, not anywhere
    void (<MizanDevtools client={client} position="middle" />)
  })

  it('reads the map in the shape the handler serves it', () => {
    expectTypeOf<InvalidationMap>().toEqualTypeOf<ServedMap>()
  })
})

describe('inspect(client)', () => {
  it('hands listeners events narrowed by their type', () => {
    expectTypeOf(inspect(client)).toEqualTypeOf<Inspector>()
    inspect(client).subscribe((event) => {
      expectTypeOf(event).toEqualTypeOf<InspectEvent>()
      if (event.type === 'flush') {
        const [first] = event.report.directives
        expectTypeOf(first!.directive).toEqualTypeOf<FlushedDirective>()
        expectTypeOf(first!.hits[0]!.refetched).toEqualTypeOf<boolean>()
      }
      if (event.type === 'request') expectTypeOf(event.method).toEqualTypeOf<'GET' | 'POST'>()
      if (event.type === 'response') expectTypeOf(event.status).toEqualTypeOf<number | undefined>()
      if (event.type === 'mutation') expectTypeOf(event.path).toEqualTypeOf<string>()
    })
    // @ts-expect-error: listening is read-only
    inspect(client).listening = true
  })
})
