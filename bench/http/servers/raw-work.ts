import superjson from 'superjson'
import { handlers, projectInput, renameInput } from '../handlers.ts'
import type { Wire } from '../handlers.ts'

/** What a hand-written route answers: a status and the value to send as JSON. */
export interface Outcome {
  readonly status: number
  readonly value: unknown
}

/**
 * The work of the hand-written baselines (lean Express, bare node:http), with Mizan's input
 * decoding so that only the server around it differs: the bundle's reads come as Mizan's JSON
 * items in the query (`items=[["projects"],["project",<input>],["stats"]]`), each input through
 * the wire's transformer and then zod; the write's parsed body through the transformer, then zod.
 */
export function rawWork(wire: Wire) {
  const encode = wire === 'superjson' ? (value: unknown) => superjson.serialize(value) : (value: unknown) => value
  const decode = wire === 'superjson' ? (value: unknown) => superjson.deserialize(value as never) : (value: unknown) => value

  const read = (item: unknown): unknown => {
    if (!Array.isArray(item)) throw new TypeError('An item is an array')
    const [path, input] = item as [unknown, unknown]
    if (path === 'projects') return encode(handlers.listProjects())
    if (path === 'project') return encode(handlers.getProject(projectInput.parse(decode(input))))
    if (path === 'stats') return encode(handlers.stats())
    throw new TypeError(`No read ${String(path)}`)
  }

  return {
    projects: (): Outcome => ({ status: 200, value: encode(handlers.listProjects()) }),
    bundle: (items: string | undefined): Outcome => {
      try {
        const parsed: unknown = JSON.parse(items ?? '')
        if (!Array.isArray(parsed)) return { status: 400, value: { error: 'items is an array' } }
        return { status: 200, value: parsed.map(read) }
      } catch (error) {
        return { status: 400, value: { error: String(error) } }
      }
    },
    rename: (body: unknown): Outcome => {
      const parsed = renameInput.safeParse(decode(body))
      if (!parsed.success) return { status: 400, value: { error: parsed.error.issues } }
      return { status: 200, value: encode(handlers.renameProject(parsed.data)) }
    },
  }
}
