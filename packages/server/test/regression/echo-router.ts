import * as z from 'zod'
import { initMizan } from '../../src/index.ts'
import type { Transformer } from '../../src/index.ts'

/**
 * A read and a write that accept any input (`z.unknown()`: the exposed shape, a schema that
 * walks nothing and strips nothing) and answer it back. Every input a resolver received is kept
 * in `seen`, so a test can prove a refused request never reached one. `transformer` undefined is
 * plain JSON.
 */
export function createEchoRouter(transformer: Transformer | undefined) {
  const m = initMizan.context<{ user: string | null }>().create(transformer ? { transformer } : {})
  const seen: unknown[] = []
  const remember = (input: unknown) => {
    seen.push(input)
    return input
  }
  const echo = m.context.input(z.unknown()).query(({ input }) => remember(input))
  const store = m.mutation
    .input(z.unknown())
    .run(({ input }) => remember(input))
    .invalidates([])
  return { router: m.router({ echo, store }), seen }
}
