import * as z from 'zod'

// The same data and handlers for every variant: only the framework around them differs.

export interface Project {
  readonly id: number
  readonly name: string
  readonly owner: string
  readonly createdAt: Date
  readonly tags: readonly string[]
}

const projects: Project[] = Array.from({ length: 20 }, (_, i) => ({
  id: i + 1,
  name: `Project ${i + 1}`,
  owner: `user${i % 5}`,
  createdAt: new Date(Date.UTC(2026, 0, 1 + i)),
  tags: ['alpha', 'beta'].slice(0, 1 + (i % 2)),
}))

export const handlers = {
  /** A read without input. */
  listProjects: (): Project[] => projects,
  /** A read with input `{ id }`. */
  getProject: (input: { id: number }): Project | undefined => projects[(input.id - 1) % projects.length],
  /** A small read without input. */
  stats: () => ({ count: projects.length, owners: 5, updatedAt: new Date(Date.UTC(2026, 5, 1)) }),
  /** A write with a validated body. */
  renameProject: (input: { id: number; name: string }) => ({ id: input.id, name: input.name, renamedAt: new Date(Date.UTC(2026, 6, 1)) }),
}

export const projectInput = z.object({ id: z.number().int().positive() })
export const renameInput = z.object({ id: z.number().int().positive(), name: z.string().min(1).max(100) })

/**
 * Mizan's own setups beside the plain one (every one with the CSRF check on, as by default, but
 * `mizan-csrf-off`): `mizan-cache-events` is given a memory cache and an event bus but caches
 * nothing (what the cache and events code costs when on the path); `mizan-cached-*` declare the
 * reads `.cache()`, in memory or in Redis; `mizan-csrf-off` is the plain one with `csrf: false`
 * (what the token check costs a write); `mizan-node` is the plain one on the node:http adapter
 * (no Express).
 */
export type MizanVariant = 'mizan' | 'mizan-node' | 'mizan-cache-events' | 'mizan-cached-memory' | 'mizan-cached-redis' | 'mizan-csrf-off'
/**
 * The hand-written baselines: `express` the idiomatic Express app (`res.json`, ETag on),
 * `express-lean` Express without ETag and with Mizan's input decoding, `node-bare` the same work
 * on node:http alone (the floor of a Node server).
 */
export type RawVariant = 'express' | 'express-lean' | 'node-bare'
/** oRPC's batch streams its answers by default; `orpc-buffered` asks for one buffered answer, as Mizan's and tRPC's plain batches are. */
export type Variant = RawVariant | MizanVariant | 'trpc' | 'orpc' | 'orpc-buffered'

export function isMizan(variant: Variant): variant is MizanVariant {
  return variant.startsWith('mizan')
}

export function isRaw(variant: Variant): variant is RawVariant {
  return variant === 'express' || variant === 'express-lean' || variant === 'node-bare'
}
export type Wire = 'superjson' | 'json'
