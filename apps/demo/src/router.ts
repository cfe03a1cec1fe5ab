import superjson from 'superjson'
import * as z from 'zod'
import { initMizan, MizanError } from '@mizan/server'
import type { EventBus, ResultCache } from '@mizan/server'
import type { Db } from './db/open-db.ts'
import { projectName, taskTitle } from './fields.ts'

export interface DemoContext {
  /** Who the request acts for: a demo user named by a cookie (there is no real sign-in). */
  readonly user: { readonly id: number; readonly name: string }
}

export interface DemoRouterOptions {
  /** Where cached results live: `memoryCache()` in one process, `redisCache()` for several. */
  readonly cache: ResultCache
  /** Where writes are announced: `memoryEvents()` in one process, `redisEvents()` for several. */
  readonly events: EventBus
}

const id = z.number().int().positive()

/** The team board's router: what every screen reads, and what every write invalidates. */
export function createDemoRouter(db: Db, options: DemoRouterOptions) {
  const m = initMizan.context<DemoContext>().create({
    transformer: superjson,
    cache: options.cache,
    events: options.events,
    userKey: (ctx) => ctx.user.id,
  })

  const projectOrThrow = (projectId: number) => {
    const found = db.project(projectId)
    if (!found) throw new MizanError({ code: 'NOT_FOUND', message: `There is no project ${projectId}` })
    return found
  }

  // Public contexts: one cached entry for everyone, purged by any user's write.
  const projects = m.context.scope('public').cache().query(() => db.projects())
  const project = m.context
    .input(z.object({ id }))
    .scope('public')
    .cache()
    .query(({ input }) => projectOrThrow(input.id))

  // User-scoped contexts (the default scope): cached per user, purged for the acting user only.
  const me = m.context.cache().query(({ ctx }) => db.user(ctx.user.id)!)
  const starred = m.context.cache().query(({ ctx }) => db.starred(ctx.user.id))

  // The list shows names and open-task counts, the detail a name and tasks: each write names
  // the instances whose data it changed, and nothing else refetches.
  const renameProject = m.mutation
    .input(z.object({ id, name: projectName }))
    .run(({ input }) => {
      if (!db.rename(input.id, input.name)) projectOrThrow(input.id)
      return { id: input.id, name: input.name }
    })
    .invalidates(({ input }) => [projects, project({ id: input.id })])

  const addTask = m.mutation
    .input(z.object({ projectId: id, title: taskTitle }))
    .run(({ input }) => {
      projectOrThrow(input.projectId)
      return { id: db.addTask(input.projectId, input.title), projectId: input.projectId }
    })
    .invalidatesOnSuccess(({ result }) => [projects, project({ id: result.projectId })])

  const completeTask = m.mutation
    .input(z.object({ id, done: z.boolean() }))
    .run(({ input }) => {
      const projectId = db.projectOfTask(input.id)
      if (projectId === undefined) throw new MizanError({ code: 'NOT_FOUND', message: `There is no task ${input.id}` })
      db.setDone(input.id, input.done)
      return { projectId }
    })
    .invalidatesOnSuccess(({ result }) => [projects, project({ id: result.projectId })])

  // Two scoped instances of one context in one write: the project the task left and the one it joined.
  const moveTask = m.mutation
    .input(z.object({ id, projectId: id }))
    .run(({ input }) => {
      projectOrThrow(input.projectId)
      const from = db.moveTask(input.id, input.projectId)
      if (from === undefined) throw new MizanError({ code: 'NOT_FOUND', message: `There is no task ${input.id}` })
      return { from, to: input.projectId }
    })
    .invalidatesOnSuccess(({ result }) => [projects, project({ id: result.from }), project({ id: result.to })])

  // User-scoped: only this user's starred list (all their tabs and devices) refetches.
  const starProject = m.mutation
    .input(z.object({ projectId: id, starred: z.boolean() }))
    .run(({ ctx, input }) => {
      projectOrThrow(input.projectId)
      db.setStar(ctx.user.id, input.projectId, input.starred)
      return input
    })
    .invalidates([starred])

  const router = m.router({ projects, project, me, starred, renameProject, addTask, completeTask, moveTask, starProject })
  return { router, targets: { projects, project }, close: () => m.close() }
}

export type DemoRouter = ReturnType<typeof createDemoRouter>['router']
