import superjson from 'superjson'
import * as z from 'zod'
import { initMizan, MizanError } from '../../src/index.ts'

export interface HttpTestContext {
  readonly user: string | null
}

/** Counts resolver runs (and the transports' contexts made), so tests can prove a refused request never reached one. */
export function createCounters() {
  return { calls: 0, contexts: 0, aborted: [] as string[] }
}

export function createHttpRouter(counters = createCounters()) {
  const m = initMizan.context<HttpTestContext>().create({ transformer: superjson })

  const project = m.context.input(z.object({ id: z.number() })).query(({ input }) => {
    counters.calls++
    if (input.id === 404) throw new MizanError({ code: 'NOT_FOUND', message: 'No project 404' })
    return { id: input.id, name: `Project ${input.id}` }
  })

  const projects = m.context.query(() => {
    counters.calls++
    return [{ id: 1 }, { id: 2 }]
  })

  const leaky = m.context.query((): string => {
    counters.calls++
    throw new Error('password=hunter2 at db.internal:5432')
  })

  const whoami = m.context.query(({ ctx }) => ctx.user)

  const types = m.context
    .input(z.object({ at: z.date(), tags: z.set(z.string()), scores: z.map(z.string(), z.number()), big: z.bigint(), gone: z.undefined() }))
    .query(({ input }) => ({ ...input, later: new Date(input.at.getTime() + 1000), doubled: input.big * 2n }))

  const slow = m.context.query(
    ({ signal, path }) =>
      new Promise<string>((resolve) => {
        counters.calls++
        signal?.addEventListener('abort', () => {
          counters.aborted.push(path)
          resolve('aborted')
        })
      }),
  )

  const renameProject = m.mutation
    .input(z.object({ id: z.number(), name: z.string().min(1) }))
    .run(({ input }) => {
      counters.calls++
      return { id: input.id, name: input.name }
    })
    .invalidates(({ input }) => [projects, project({ id: input.id })])

  const tag = m.mutation
    .input(z.object({ label: z.string(), on: z.date() }))
    .run(({ input }) => {
      counters.calls++
      return { label: input.label, on: input.on, seen: new Set([input.label]) }
    })
    .invalidates(({ input }) => [project.where({ id: input.label.length })])

  const crash = m.mutation
    .input(z.object({ id: z.number() }))
    .run((): number => {
      counters.calls++
      throw new TypeError('Cannot read properties of undefined (reading "secret")')
    })
    .invalidates([projects])

  return m.router({ project, projects, leaky, whoami, types, slow, renameProject, tag, crash })
}

export type HttpRouter = ReturnType<typeof createHttpRouter>
