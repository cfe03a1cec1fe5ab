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

export type Variant = 'express' | 'mizan' | 'trpc' | 'orpc'
export type Wire = 'superjson' | 'json'
