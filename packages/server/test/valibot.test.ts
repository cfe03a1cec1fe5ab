import { describe, expect, it } from 'vitest'
import * as v from 'valibot'
import { initMizan } from '../src/index.ts'
import { rejectionOf } from './fixtures/rejection.ts'

describe('Standard Schema validation with valibot', () => {
  const m = initMizan.create()
  const item = m.context
    .input(v.object({ sku: v.pipe(v.string(), v.minLength(3, 'SKU too short')), qty: v.optional(v.number(), 1) }))
    .query(({ input }) => input)
  const router = m.router({ item })

  it('passes the parsed output (defaults applied) to the resolver', async () => {
    await expect(router.createCaller({}).item({ sku: 'ABC' })).resolves.toEqual({ sku: 'ABC', qty: 1 })
  })

  it('reports issues with their paths and messages', async () => {
    const error = await rejectionOf(router.createCaller({}).item({ sku: 'A', qty: 'x' as never }))
    expect(error.code).toBe('BAD_REQUEST')
    expect(error.issues).toEqual([
      { path: ['sku'], message: 'SKU too short' },
      { path: ['qty'], message: expect.stringContaining('number') },
    ])
  })

  it('validates asynchronous schemas too', async () => {
    const slowCheck = v.pipeAsync(
      v.string(),
      v.checkAsync(async (value) => value !== 'taken', 'Name is taken'),
    )
    const claim = m.mutation.input(slowCheck).run(({ input }) => input)
    const caller = m.router({ claim }).createCaller({})
    await expect(caller.claim('free')).resolves.toMatchObject({ data: 'free' })
    const error = await rejectionOf(caller.claim('taken'))
    expect(error.issues).toEqual([{ path: [], message: 'Name is taken' }])
    expect(error.message).toBe('Invalid input: Name is taken')
  })
})
