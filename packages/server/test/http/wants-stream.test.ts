import { describe, expect, it } from 'vitest'
import { wantsStream } from '../../src/http/wants-stream.ts'

describe('wantsStream', () => {
  it('finds the streamed type among accepted ones, in any case, with parameters, or repeated', () => {
    expect(wantsStream({ accept: 'application/x-ndjson, application/json' })).toBe(true)
    expect(wantsStream({ accept: 'application/json;q=0.5, Application/X-NDJSON;q=1' })).toBe(true)
    expect(wantsStream({ accept: ['text/html', 'application/x-ndjson'] })).toBe(true)
  })

  it('keeps everything else buffered: none, JSON, wildcards, look-alikes', () => {
    for (const accept of [undefined, 'application/json', '*/*', 'application/*', 'application/x-ndjsonx', 'text/x-ndjson']) {
      expect(wantsStream({ accept }), String(accept)).toBe(false)
    }
  })
})
