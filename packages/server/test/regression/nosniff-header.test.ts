import { describe, expect, it } from 'vitest'
import type { Transport } from '../http/transports.ts'
import { openPerTest, testLimits, transports } from '../http/transports.ts'
import { getBundle, item, mutate, postRaw } from '../http/wire-helpers.ts'

// Weak spot: responses carried no `X-Content-Type-Options: nosniff`, so a browser could sniff a
// JSON answer holding user data as another type. Every response the handler makes carries it.

const open = openPerTest()

const requests: [string, (t: Transport) => Promise<Response>, number][] = [
  ['a bundle', (t) => getBundle(t, [item('projects')]), 200],
  ['a mutation', (t) => mutate(t, 'renameProject', { id: 1, name: 'x' }), 200],
  ['a failed mutation', (t) => mutate(t, 'crash', { id: 1 }), 500],
  ['invalid input', (t) => mutate(t, 'renameProject', { id: 'x' }), 400],
  ['an unknown route', (t) => t.send('/nowhere'), 404],
  ['a wrong method', (t) => t.send('/m/renameProject'), 405],
  ['a body over the limit', (t) => postRaw(t, '/m/renameProject', `"${'x'.repeat(testLimits.maxBodyBytes)}"`), 413],
  ['a wrong content type', (t) => postRaw(t, '/m/renameProject', '{}', 'text/plain'), 415],
]

describe.each(transports)('%s adapter', (_name, transport) => {
  it.each(requests)('sends X-Content-Type-Options: nosniff with %s', async (_what, send, status) => {
    const t = await open(transport)
    const answer = await send(t)
    expect(answer.status).toBe(status)
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff')
  })
})
