import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { openPerTest, transports } from '../http/transports.ts'

// Weak spot: `Content-Encoding: gzip` (or any encoding) was ignored and the body read as plain
// text. Mizan does not decompress bodies: any encoding other than identity answers 415.

const open = openPerTest()

const body = '{"json":{"id":1,"name":"plain"}}'

describe.each(transports)('%s adapter', (_name, transport) => {
  it.each(['gzip', 'br', 'deflate', 'x-anything', 'identity, gzip'])('answers 415 to Content-Encoding: %s, never calling the handler', async (encoding) => {
    const t = await open(transport)
    const answer = await t.send('/m/renameProject', { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': encoding }, body })
    expect(answer.status).toBe(415)
    expect(await answer.json()).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringMatching(/Content-Encoding/) } })
    expect(t.counters.calls).toBe(0)
  })

  it('answers 415 to a body really compressed with gzip, on a POST bundle too', async () => {
    const t = await open(transport)
    const answer = await t.send('/q', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync('[["projects"]]'),
    })
    expect(answer.status).toBe(415)
    expect(t.counters.calls).toBe(0)
  })

  it('reads a body declared identity as usual', async () => {
    const t = await open(transport)
    const answer = await t.send('/m/renameProject', { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'Identity' }, body })
    expect(answer.status).toBe(200)
  })
})
