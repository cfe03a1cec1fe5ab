import { describe, expect, it } from 'vitest'
import { waitFor } from '../fixtures/wait-for.ts'
import { fetchTransport, testLimits } from './transports.ts'
import { item } from './wire-helpers.ts'

describe('Fetch adapter, at the stream', () => {
  it('answers 413 to a body stream that keeps growing, cancelling it, never calling the handler', async () => {
    const t = await fetchTransport()
    let pulled = 0
    let cancelled = false
    const piece = new TextEncoder().encode(`"${'x'.repeat(4096)}",`)
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // Bounded: a handler that kept reading would stop here, at 4x the limit, and fail below.
        if (pulled >= testLimits.maxBodyBytes * 4) return controller.close()
        pulled += piece.byteLength
        controller.enqueue(piece)
      },
      cancel() {
        cancelled = true
      },
    })
    const response = await t.send('/m/renameProject', { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    expect(response.status).toBe(413)
    expect(response.headers.get('connection')).toBeNull()
    expect(await response.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE', status: 413 } })
    expect(cancelled).toBe(true)
    expect(pulled).toBeLessThan(testLimits.maxBodyBytes * 2)
    expect(t.counters.calls).toBe(0)
  })

  it("fires the resolver signal when the request's signal aborts", async () => {
    const t = await fetchTransport()
    const controller = new AbortController()
    const pending = t.send(`/q?items=${encodeURIComponent(JSON.stringify([item('slow')]))}`, { signal: controller.signal })
    await waitFor(() => t.counters.calls === 1)
    controller.abort()
    await waitFor(() => t.counters.aborted.length === 1)
    expect(t.counters.aborted).toEqual(['slow'])
    await pending
  })
})
