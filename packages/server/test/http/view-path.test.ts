import type { AddressInfo } from 'node:net'
import express from 'express'
import superjson from 'superjson'
import * as z from 'zod'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mizanExpress } from '../../src/adapters/express.ts'
import { initMizan } from '../../src/index.ts'
import { decodeNoticeHeader, invalidateHeader } from '../../src/protocol/index.ts'
import { sessionAt } from '../fixtures/session.ts'
import { fromWire } from '../fixtures/from-wire.ts'

const m = initMizan.create({ transformer: superjson })
const cart = m.context.query(() => [] as string[])
const label = m.context.input(z.object({ text: z.string() })).query(({ input }) => input.text)
const relabel = m.mutation
  .input(z.object({ text: z.string() }))
  .run(({ input }) => input.text)
  .invalidates(({ input }) => [cart, label({ text: input.text })])
const router = m.router({ shop: m.router({ cart }), label, relabel })

const mizan = mizanExpress({ router, createContext: () => ({}) })
const app = express()
app.use('/mizan', mizan)
app.post('/form/relabel', express.urlencoded({ extended: false }), async (req, res) => {
  const text = String(req.body.text)
  await mizan.invalidate(req, [cart])
  await mizan.invalidate(req, [label({ text }), cart])
  res.status(303).location('/').end()
})
app.post('/form/many', async (req, res) => {
  const targets = Array.from({ length: 400 }, (_, i) => label({ text: `a long label number ${i}` }))
  await mizan.invalidate(req, targets)
  res.status(204).end()
})

let base: string
let server: ReturnType<typeof app.listen>
beforeAll(async () => {
  server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

function decode(response: Response) {
  const header = response.headers.get(invalidateHeader)
  expect(header).toMatch(/^[A-Za-z0-9_-]+$/)
  const notice = decodeNoticeHeader(header!)
  expect(notice).toBeDefined()
  return { id: notice!.id, directives: fromWire(notice!.invalidate) }
}

describe('view-path writes', () => {
  it('send the same directives as the RPC mutation, in a header-safe Mizan-Invalidate header, any Unicode included', async () => {
    const text = 'Überprüfung 検査 🚀 "quoted" \u2028'
    const viewPath = await fetch(`${base}/form/relabel`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ text }),
      redirect: 'manual',
    })
    expect(viewPath.status).toBe(303)
    const notice = decode(viewPath)
    expect(notice.id).toMatch(/^[0-9a-f-]{36}$/)

    const rpc = await fetch(`${base}/mizan/m/relabel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await sessionAt(`${base}/mizan`)).headers },
      body: JSON.stringify(superjson.serialize({ text })),
    })
    const answer = (await rpc.json()) as { invalidate: never }
    expect(notice.directives).toEqual(fromWire(answer.invalidate))
    expect(notice.directives).toEqual([
      { kind: 'whole', context: 'shop.cart' },
      { kind: 'exact', context: 'label', params: { text } },
    ])
  })

  it('widens scoped directives to their whole context when they would not fit in a header', async () => {
    const response = await fetch(`${base}/form/many`, { method: 'POST' })
    expect(response.status).toBe(204)
    expect(decode(response).directives).toEqual([{ kind: 'whole', context: 'label' }])
  })

  it('refuses unmounted targets exactly as a mutation would', async () => {
    const orphan = m.context.query(() => 1)
    const request = { method: 'POST', originalUrl: '/form/x', res: { setHeader: () => {} } }
    await expect(mizan.invalidate(request as never, [orphan])).rejects.toThrow(
      /The write at "POST \/form\/x" invalidates the context defined at .*view-path\.test\.ts/,
    )
  })
})
