import superjson from 'superjson'
import * as z from 'zod'
import { initMizan, MizanError } from '@mizan/server'
import type { Db } from './db.ts'

export interface DemoContext {
  readonly user: { readonly id: number; readonly name: string } | null
}

/** The demo's router: projects and their tasks, with the invalidations each write declares. */
export function createDemoRouter(db: Db) {
  const m = initMizan.context<DemoContext>().create({ transformer: superjson })

  const signedIn = m.middleware(({ ctx, next }) => {
    if (!ctx.user) throw new MizanError({ code: 'UNAUTHORIZED', message: 'Sign in to change projects' })
    return next({ ctx: { user: ctx.user } })
  })

  const projects = m.context.scope('public').query(() => db.projects())

  const project = m.context
    .input(z.object({ id: z.number().int().positive() }))
    .scope('public')
    .query(({ input }) => {
      const found = db.project(input.id)
      if (!found) throw new MizanError({ code: 'NOT_FOUND', message: `There is no project ${input.id}` })
      return found
    })

  const tasks = m.context
    .input(z.object({ projectId: z.number().int().positive() }))
    .scope('public')
    .query(({ input }) => db.tasks(input.projectId))

  const renameProject = m.mutation
    .use(signedIn)
    .input(z.object({ id: z.number().int().positive(), name: z.string().trim().min(1, 'A name cannot be empty').max(80) }))
    .run(({ input }) => {
      if (!db.rename(input.id, input.name)) throw new MizanError({ code: 'NOT_FOUND', message: `There is no project ${input.id}` })
      return { id: input.id, name: input.name }
    })
    .invalidates(({ input }) => [projects, project({ id: input.id })])

  const addTask = m.mutation
    .use(signedIn)
    .input(z.object({ projectId: z.number().int().positive(), title: z.string().trim().min(1).max(120) }))
    .run(({ input }) => ({ id: db.addTask(input.projectId, input.title), projectId: input.projectId }))
    .invalidatesOnSuccess(({ result }) => [tasks.where({ projectId: result.projectId })])

  return m.router({ projects, project, tasks, renameProject, addTask })
}

export type DemoRouter = ReturnType<typeof createDemoRouter>
