import { describe, expect, it } from 'vitest'
import { openPerTest, transports } from '../http/transports.ts'

// Weak spot: invalid UTF-8 in a JSON body was silently replaced by U+FFFD and the write went on
// with altered data. It now answers 400.

const open = openPerTest()

function bytes(...parts: (string | number[])[]): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part)))))
}

describe.each(transports)('%s adapter', (_name, transport) => {
  it.each([
    ['a lone continuation byte', [0x80]],
    ['0xFF', [0xff]],
    ['a truncated sequence', [0xe2, 0x82]],
    ['an overlong encoding', [0xc0, 0xaf]],
  ])('answers 400 to a body holding %s, never calling the handler', async (_what, invalid) => {
    const t = await open(transport)
    const body = bytes('{"json":{"id":1,"name":"', invalid, '"}}')
    const answer = await t.send('/m/renameProject', { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    expect(answer.status).toBe(400)
    expect(await answer.json()).toMatchObject({ error: { code: 'BAD_REQUEST', message: expect.stringMatching(/UTF-8/) } })
    expect(t.counters.calls).toBe(0)
  })

  it('reads valid multi-byte UTF-8 as it is', async () => {
    const t = await open(transport)
    const answer = await t.send('/m/renameProject', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: bytes('{"json":{"id":1,"name":"é€😀"}}'),
    })
    expect(answer.status).toBe(200)
    expect(await answer.json()).toMatchObject({ data: { json: { name: 'é€😀' } } })
  })
})
