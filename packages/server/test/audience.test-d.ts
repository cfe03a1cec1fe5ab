// Type tests: checked by `tsc -b` inside `npm test`; a wrong assertion fails the build.
import { describe, expectTypeOf, it } from 'vitest'
import * as z from 'zod'
import { forEveryUser, forUser, initMizan } from '../src/index.ts'
import type { AudienceTarget, InvalidationTarget, Targets } from '../src/index.ts'

const m = initMizan.context<{ user: { id: number } | null }>().create({ userKey: (ctx) => ctx.user?.id })
const inbox = m.context.query(() => [] as string[])
const message = m.context.input(z.object({ id: z.number() })).query(({ input }) => input.id)
const markRead = m.mutation.input(z.object({ id: z.number() })).run(() => true)

describe('forUser and forEveryUser', () => {
  it('make targets every invalidation list accepts', () => {
    expectTypeOf(forUser(7, [inbox])).toEqualTypeOf<AudienceTarget>()
    expectTypeOf(forUser(['a', 7], [inbox, message({ id: 1 }), message.where({ id: 2 })])).toExtend<InvalidationTarget>()
    expectTypeOf(forEveryUser([inbox])).toExtend<InvalidationTarget>()
    m.mutation
      .input(z.object({ owner: z.number(), id: z.number() }))
      .run(() => {})
      .invalidates(({ input }) => [forUser(input.owner, [message({ id: input.id })]), inbox])
      .invalidates([forEveryUser([inbox])])
      .invalidatesOnSuccess(({ input }) => [forUser(input.owner, [inbox])])
    const targets: Targets = [forUser('a', [inbox])]
    void targets
  })

  it('refuse what is no context target, and wrong keys', () => {
    // @ts-expect-error: a mutation is no target
    forUser(1, [markRead])
    // @ts-expect-error: a string is no target
    forEveryUser(['inbox'])
    // @ts-expect-error: wrong params for the context
    forUser(1, [message({ id: '1' })])
    // @ts-expect-error: audiences do not nest
    forUser(1, [forEveryUser([inbox])])
    // @ts-expect-error: a user key is a string or a number
    forUser({ id: 1 }, [inbox])
    // @ts-expect-error: targets come as a list
    forEveryUser(inbox)
  })
})
