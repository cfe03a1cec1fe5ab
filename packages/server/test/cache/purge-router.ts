import type { StandardSchemaV1 } from '@standard-schema/spec'
import superjson from 'superjson'
import * as z from 'zod'
import { forEveryUser, initMizan } from '../../src/index.ts'
import type { ResultCache } from '../../src/index.ts'

/** How the hand-written schema of `typed` behaves on its next runs. */
export interface SchemaControl {
  /** Throw instead of reporting issues or a value. */
  throws: boolean
  /** Answer with a promise (Standard Schema allows it), rejecting when `throws`. */
  async: boolean
}

/**
 * A Standard Schema of `{ q: string }` that trims `q`, written by hand so a test can make it
 * asynchronous or throwing (as a buggy schema or a failing async refinement would).
 */
function trimmingSchema(control: SchemaControl): StandardSchemaV1<{ q: string }, { q: string }> {
  const check = (value: unknown): StandardSchemaV1.Result<{ q: string }> => {
    if (control.throws) throw new Error('the schema broke')
    const q = typeof value === 'object' && value !== null ? (value as { q?: unknown }).q : undefined
    return typeof q === 'string' ? { value: { q: q.trim() } } : { issues: [{ message: 'q must be a string', path: ['q'] }] }
  }
  return {
    '~standard': {
      version: 1,
      vendor: 'mizan-test',
      validate: (value) => (control.async ? Promise.resolve().then(() => check(value)) : check(value)),
    },
  }
}

/**
 * A router whose cached contexts' schemas change their input (trim, coerce, default), and
 * writes naming targets as a client would (the schema's input), or for every user.
 * One instance of several when given a store and counts they share. `run` in an answer numbers
 * the computations of its context: an unchanged one was served from the cache.
 */
export function createPurgeRouter(store: ResultCache, counts = { search: 0, typed: 0, note: 0, maybe: 0 }) {
  const schema: SchemaControl = { throws: false, async: false }
  // Set: the next `note` to compute takes its run number, then waits for it (a slow read).
  const control: { hold: Promise<void> | undefined } = { hold: undefined }
  const m = initMizan.context<{ user: string | null }>().create({ transformer: superjson, cache: store, userKey: (ctx) => ctx.user })

  const search = m.context
    .input(z.object({ q: z.string().trim(), page: z.coerce.number().default(1) }))
    .scope('public')
    .cache()
    .query(({ input }) => ({ ...input, run: ++counts.search }))

  const typed = m.context
    .input(trimmingSchema(schema))
    .scope('public')
    .cache()
    .query(({ input }) => ({ ...input, run: ++counts.typed }))

  const note = m.context
    .input(z.object({ id: z.number() }))
    .cache()
    .query(async ({ ctx, input }) => {
      const run = ++counts.note
      const hold = control.hold
      control.hold = undefined
      await hold
      return { owner: ctx.user, id: input.id, run }
    })

  // Params that may be absent: a read without them is keyed `''`.
  const maybe = m.context
    .input(z.object({ x: z.number() }).optional())
    .cache()
    .query(({ ctx, input }) => ({ owner: ctx.user, input, run: ++counts.maybe }))
  const touchMaybe = m.mutation.run(() => null).invalidates([maybe(undefined)])

  // The writes name the params as typed, untrimmed and without the default filled in.
  const query = z.object({ q: z.string() })
  const touchSearch = m.mutation
    .input(query)
    .run(() => null)
    .invalidates(({ input }) => [search({ q: input.q })])
  const touchSearchWhere = m.mutation
    .input(query)
    .run(() => null)
    .invalidates(({ input }) => [search.where({ q: input.q })])
  const touchTyped = m.mutation
    .input(query)
    .run(() => null)
    .invalidates(({ input }) => [typed({ q: input.q })])

  // Every user's notes (a change all of them see): scope `null` in the store.
  const id = z.object({ id: z.number() })
  const touchEveryNote = m.mutation
    .input(id)
    .run(() => null)
    .invalidates(({ input }) => [forEveryUser([note({ id: input.id })])])
  const touchEveryNoteWhere = m.mutation
    .input(id)
    .run(() => null)
    .invalidates(({ input }) => [forEveryUser([note.where({ id: input.id })])])
  const touchAllNotes = m.mutation
    .run(() => null)
    .invalidates([forEveryUser([note])])
  // Targets that cannot be resolved after the write: the router widens to `all`.
  const touchUnknown = m.mutation
    .input(id)
    .run(() => null)
    .invalidates(({ input }) => {
      throw new Error(`no target for ${input.id}`)
    })

  const router = m.router({ search, typed, note, maybe, touchMaybe, touchSearch, touchSearchWhere, touchTyped, touchEveryNote, touchEveryNoteWhere, touchAllNotes, touchUnknown })
  return { router, counts, schema, control }
}
