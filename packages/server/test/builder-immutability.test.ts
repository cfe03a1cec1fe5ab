import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import { initMizan } from '../src/index.ts'

// The classic bug: a builder that mutates shared metadata, so one procedure's middleware or meta
// shows up on another built from the same base. Each test tries to break it the way it happens.

describe('builders are immutable', () => {
  const m = initMizan.create()
  const logged = m.middleware(({ next }) => next())

  it('keeps a base builder unchanged when procedures are built from it', async () => {
    const base = m.context.use(logged).meta({ area: 'admin' })
    const withInput = base.input(z.object({ id: z.number() }))
    const withMeta = base.meta({ area: 'billing', cached: true })
    const plain = base.query(() => 'plain')
    const other = withMeta.use(logged).query(() => 'other')

    expect(base._def.steps).toHaveLength(1)
    expect(base._def.meta).toEqual({ area: 'admin' })
    expect(base._def.hasInput).toBe(false)
    expect(withInput._def.steps).toHaveLength(2)
    expect(plain._def.steps).toHaveLength(1)
    expect(plain._def.meta).toEqual({ area: 'admin' })
    expect(other._def.steps).toHaveLength(2)
    expect(other._def.meta).toEqual({ area: 'billing', cached: true })
    expect(plain._def.steps).not.toBe(other._def.steps)
    expect(plain._def.meta).not.toBe(other._def.meta)
  })

  it('does not let a change to one procedure reach another built from the same base', () => {
    const base = m.mutation.meta({ audit: true })
    const first = base.run(() => 1)
    const second = base.run(() => 2)
    // Mutate one the way buggy code would: push a step, add a meta key, add a target.
    expect(() => (first._def.steps as unknown[]).push({ kind: 'middleware', fn: logged })).toThrow(TypeError)
    expect(() => {
      ;(first._def.meta as Record<string, unknown>)['audit'] = false
    }).toThrow(TypeError)
    expect(() => (first._def.invalidates as unknown[]).push([])).toThrow(TypeError)
    expect(second._def.steps).toEqual([])
    expect(second._def.meta).toEqual({ audit: true })
    expect(second._def.invalidates).toEqual([])
    expect(first._def.meta).toEqual({ audit: true })
  })

  it('returns a new mutation from invalidates(), leaving the original without targets', () => {
    const cart = m.context.query(() => [])
    const base = m.mutation.run(() => true)
    const withCart = base.invalidates([cart])
    const targets = [cart]
    const withTwo = withCart.invalidates(targets)
    targets.push(cart) // a caller changing its own array later changes nothing inside
    expect(base._def.invalidates).toEqual([])
    expect(withCart._def.invalidates).toHaveLength(1)
    expect(withTwo._def.invalidates).toHaveLength(2)
    expect(withTwo._def.invalidates[1]).toEqual([cart])
    const onSuccess = withTwo.invalidatesOnSuccess(() => [cart])
    expect(withTwo._def.invalidatesOnSuccess).toEqual([])
    expect(onSuccess._def.invalidatesOnSuccess).toHaveLength(1)
    expect(() => (onSuccess._def.invalidatesOnSuccess as unknown[]).push(() => [])).toThrow(TypeError)
  })

  it('freezes builders and procedures themselves', () => {
    const project = m.context.input(z.object({ id: z.number() })).query(() => 1)
    expect(Object.isFrozen(m.context)).toBe(true)
    expect(Object.isFrozen(project)).toBe(true)
    expect(Object.isFrozen(project._def)).toBe(true)
    expect(Object.isFrozen(project({ id: 1 }))).toBe(true)
  })

  it('refuses a second input schema instead of silently replacing the first', () => {
    expect(() => m.context.input(z.string()).input(z.number() as never)).toThrow(/input\(\) was already called/)
  })
})
