import { timingSafeEqual } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
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
 * The write does what Mizan's write does for its client, written by hand: a double-submit CSRF
 * check (the `x-csrf-token` header equal to the `csrf` cookie, compared in constant time) before
 * the body is looked at, and an answer that carries, beside its data, what the client must refetch
 * (the same two directives as Mizan's, in the same form: a JSON list with the params through the
 * same transformer).
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
    /** Before the body is read: the token check, `undefined` when it passes. */
    refuse: (headers: IncomingHttpHeaders): Outcome | undefined => (tokenMatches(headers) ? undefined : { status: 403, value: { error: 'CSRF' } }),
    rename: (body: unknown): Outcome => {
      const parsed = renameInput.safeParse(decode(body))
      if (!parsed.success) return { status: 400, value: { error: parsed.error.issues } }
      const invalidate = [{ kind: 'whole', context: 'projects' }, { kind: 'exact', context: 'project', params: encode({ id: parsed.data.id }) }]
      return { status: 200, value: { data: encode(handlers.renameProject(parsed.data)), invalidate } }
    },
  }
}

/** The double-submit token the raw baselines' write carries (hand-written apps' CSRF check). */
export const rawCsrfToken = 'raw-bench-token-0123456789abcdefghijklmnopqrstuv'

function tokenMatches(headers: IncomingHttpHeaders): boolean {
  const header = headers['x-csrf-token']
  const cookie = /(?:^|;\s*)csrf=([^;]*)/.exec(headers.cookie ?? '')?.[1]
  if (typeof header !== 'string' || cookie === undefined || header.length !== cookie.length) return false
  return timingSafeEqual(Buffer.from(header), Buffer.from(cookie))
}
