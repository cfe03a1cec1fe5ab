import superjson from 'superjson'
import * as z from 'zod'
import { afterEach, describe, expect, it } from 'vitest'
import { initMizan } from '../../src/index.ts'
import { jsonTransformer } from '../../src/protocol/index.ts'
import type { ItemAnswer, Transformer } from '../../src/protocol/index.ts'
import type { Transport } from '../http/transports.ts'
import { expressTransport } from '../http/transports.ts'
import { readItems } from '../http/wire-helpers.ts'

// Issue 11, item 7: a directive carries params from the server's parsed input, a query key the
// client's raw input; a schema that trims, coerces or fills defaults made them differ, so the
// query was never matched. Each bundle answer now carries the canonical form of the params the
// schema parsed, when it differs from what was sent, so the client can know the query by both.

function createSearchRouter(transformer: Transformer | undefined) {
  const m = initMizan.create(transformer ? { transformer } : {})
  const search = m.context.input(z.object({ q: z.string().trim() })).query(({ input }) => `results for ${input.q}`)
  const page = m.context.input(z.object({ n: z.coerce.number() })).query(({ input }) => input.n)
  const list = m.context.input(z.object({ projectId: z.number(), done: z.boolean().default(false) })).query(({ input }) => input.done)
  const plain = m.context.input(z.object({ id: z.number() })).query(({ input }) => input.id)
  const settings = m.context.input(z.object({ theme: z.string().default('dark') }).default({ theme: 'dark' })).query(({ input }) => input.theme)
  const projects = m.context.query(() => [1])
  return m.router({ search, page, list, plain, settings, projects })
}

let t: Transport | undefined
afterEach(() => t?.close())

describe.each([
  ['superjson', superjson as Transformer],
  ['plain JSON', undefined],
])('bundle answers with %s', (_name, transformer) => {
  const wire = transformer ?? jsonTransformer
  const item = (path: string, input?: unknown) => (input === undefined ? [path] : [path, wire.serialize(input)])

  async function answers(items: unknown[]): Promise<ItemAnswer[]> {
    t = await expressTransport({ router: createSearchRouter(transformer) })
    const response = await t.send(`/q?items=${encodeURIComponent(JSON.stringify(items))}`)
    expect(response.status).toBe(200)
    return readItems(response)
  }

  it('carry the parsed params when the schema trimmed, coerced or filled a default', async () => {
    const [trimmed, coerced, defaulted, wholeDefault] = await answers([
      item('search', { q: '  apollo ' }),
      item('page', { n: '3' }),
      item('list', { projectId: 4 }),
      item('settings'),
    ])
    expect(trimmed).toEqual({ data: wire.serialize('results for apollo'), params: wire.serialize({ q: 'apollo' }) })
    expect(coerced).toEqual({ data: wire.serialize(3), params: wire.serialize({ n: 3 }) })
    expect(defaulted).toEqual({ data: wire.serialize(false), params: wire.serialize({ done: false, projectId: 4 }) })
    expect(wholeDefault).toEqual({ data: wire.serialize('dark'), params: wire.serialize({ theme: 'dark' }) })
  })

  it('carry no params when parsing changed nothing, nor for a context without input or an error', async () => {
    const [plain, trimmedAlready, projects, invalid] = await answers([
      item('plain', { id: 7 }),
      item('search', { q: 'apollo' }),
      item('projects'),
      item('plain', { id: 'seven' }),
    ])
    expect(plain).toEqual({ data: wire.serialize(7) })
    expect(trimmedAlready).toEqual({ data: wire.serialize('results for apollo') })
    expect(projects).toEqual({ data: wire.serialize([1]) })
    expect(invalid).not.toHaveProperty('params')
    expect(invalid).toHaveProperty('error.code', 'BAD_REQUEST')
  })
})
