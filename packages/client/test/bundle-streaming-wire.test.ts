import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { createClient, MizanClientError, streamedAnswers } from '../src/index.ts'
import type { BatchOptions } from '../src/index.ts'
import type { AppRouter } from './fixtures/app-router.ts'
import { mockWire } from './fixtures/mock-wire.ts'
import { until } from './fixtures/until.ts'
import { watch } from './fixtures/watch.ts'

// The client's side of streamed bundles on the exact wire (msw): every byte of the stream is
// the test's, so broken, cut, hostile and aborted streams can be pinned.
const { server, url } = mockWire()
const client = (batch: BatchOptions = {}) => createClient<AppRouter>({ url, batch: { stream: streamedAnswers(), ...batch } })
const ndjson = { 'content-type': 'application/x-ndjson; charset=utf-8' }
const encoder = new TextEncoder()

/** A streamed answer whose chunks the test sends when it wants, and what the request saw. */
function streamedAnswer() {
  let controller!: ReadableStreamDefaultController<Uint8Array>
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) })
  const request: { accept?: string | null; signal?: AbortSignal } = {}
  server.use(
    http.get(`${url}/q`, ({ request: sent }) => {
      request.accept = sent.headers.get('accept')
      request.signal = sent.signal
      return new HttpResponse(body, { headers: ndjson })
    }),
  )
  return {
    request,
    send: (text: string | Uint8Array) => controller.enqueue(typeof text === 'string' ? encoder.encode(text) : text),
    end: () => controller.close(),
  }
}

const reads = (c: ReturnType<typeof client>) => [watch(c.project.query({ id: 1 })), watch(c.projects.query()), watch(c.project.query({ id: 2 }))] as const

describe('a streamed bundle on the wire', () => {
  it('asks with accept, and resolves each caller as its line arrives, whatever the chunking', async () => {
    const stream = streamedAnswer()
    const [one, all, two] = reads(client())
    await until(() => stream.request.accept !== undefined, 'the request')
    expect(stream.request.accept).toBe('application/x-ndjson, application/json')
    // A line cut mid-way, and a two-byte character cut between its bytes.
    stream.send('[2,{"data":{"id":2,"name":"Tw')
    const bytes = encoder.encode('ö"}}]\n')
    stream.send(bytes.slice(0, 1))
    stream.send(bytes.slice(1))
    await until(() => two.settled, 'the third answer')
    expect(two.value).toEqual({ id: 2, name: 'Twö' })
    expect(one.settled || all.settled).toBe(false)
    stream.send('[0,{"error":{"code":"NOT_FOUND","message":"No project 1","status":404}}]\n[1,{"data":[]}]\n')
    stream.end()
    await until(() => one.settled && all.settled, 'the other answers')
    expect(one.error).toMatchObject({ code: 'NOT_FOUND', status: 404, path: 'project' })
    expect(all.value).toEqual([])
  })

  it('rejects the reads still waiting with NETWORK when the stream ends early; answered ones stay', async () => {
    const stream = streamedAnswer()
    const [one, all, two] = reads(client())
    stream.send('[1,{"data":[]}]\n[0,{"data":{"id":1,"na')
    stream.end()
    await until(() => one.settled && all.settled && two.settled, 'every read')
    expect(all.value).toEqual([])
    for (const [cut, path] of [[one, 'project'], [two, 'project']] as const) {
      expect(cut.error).toBeInstanceOf(MizanClientError)
      expect(cut.error).toMatchObject({ code: 'NETWORK', status: 200, path, message: "The server's streamed answer ended after 1 of 3 answers" })
    }
  })

  it('rejects the reads still waiting with BAD_RESPONSE at a garbage line, and stops reading', async () => {
    for (const garbage of ['<html>oops</html>', '{"data":1}', '[0]', '[7,{"data":1}]', '[1.5,{"data":1}]', '[1,{"data":[]}]', '']) {
      const stream = streamedAnswer()
      const [one, all, two] = reads(client())
      stream.send(`[1,{"data":[]}]\n${garbage}\n`)
      await until(() => one.settled && all.settled && two.settled, `every read (${garbage})`)
      expect(all.value, garbage).toEqual([])
      expect(one.error, garbage).toMatchObject({ code: 'BAD_RESPONSE', path: 'project' })
      expect(two.error, garbage).toMatchObject({ code: 'BAD_RESPONSE', path: 'project' })
    }
  })

  it('fails only its item for a line whose answer is neither data nor error', async () => {
    const stream = streamedAnswer()
    const [one, all, two] = reads(client())
    stream.send('[0,5]\n[1,{"data":[]}]\n[2,{"data":{"id":2,"name":"Two"}}]\n')
    stream.end()
    await until(() => one.settled && all.settled && two.settled, 'every read')
    expect(one.error).toMatchObject({ code: 'BAD_RESPONSE' })
    expect(all.value).toEqual([])
    expect(two.value).toEqual({ id: 2, name: 'Two' })
  })

  it('bounds a line: one longer than maxLineChars fails the rest, complete or still arriving', async () => {
    for (const tail of ['\n', '']) {
      const stream = streamedAnswer()
      const [one, all, two] = reads(client({ stream: streamedAnswers({ maxLineChars: 64 }) }))
      stream.send('[1,{"data":[]}]\n')
      // Sent in pieces never holding a newline: the buffer must refuse to grow, not wait for one.
      for (let n = 0; n < 4; n++) stream.send(`[0,{"data":"${'x'.repeat(20)}`)
      stream.send(tail)
      await until(() => one.settled && two.settled, 'the reads still waiting')
      expect(all.value).toEqual([])
      expect(one.error).toMatchObject({ code: 'BAD_RESPONSE', message: "The server's answer is not Mizan's wire format (a streamed line is longer than 64 characters)" })
      expect(two.error).toMatchObject({ code: 'BAD_RESPONSE' })
    }
  })

  it('rejects bytes that are not UTF-8 with BAD_RESPONSE', async () => {
    const stream = streamedAnswer()
    const [one, all, two] = reads(client())
    stream.send(new Uint8Array([0x5b, 0x31, 0xff, 0x0a]))
    await until(() => one.settled && all.settled && two.settled, 'every read')
    expect(all.error).toMatchObject({ code: 'BAD_RESPONSE', message: expect.stringContaining('not UTF-8') as unknown })
  })

  it('aborts the request only once every read not yet answered is aborted', async () => {
    const stream = streamedAnswer()
    const c = client()
    const first = new AbortController()
    const second = new AbortController()
    const one = watch(c.project.query({ id: 1 }, { signal: first.signal }))
    const all = watch(c.projects.query())
    const two = watch(c.project.query({ id: 2 }, { signal: second.signal }))
    await until(() => stream.request.signal !== undefined, 'the request')
    stream.send('[1,{"data":[]}]\n')
    await until(() => all.settled, 'the answered read')
    first.abort(new Error('first gone'))
    await until(() => one.settled, 'the first abort')
    expect(one.error).toMatchObject({ message: 'first gone' })
    expect(stream.request.signal!.aborted).toBe(false)
    second.abort(new Error('second gone'))
    await until(() => two.settled && stream.request.signal!.aborted, 'the request to be aborted')
    expect(two.error).toMatchObject({ message: 'second gone' })
    expect(all.value).toEqual([])
  })

  it('reads the array of a server that predates streaming, and sends a single read without accept', async () => {
    const accepts: Array<string | null> = []
    server.use(
      http.get(`${url}/q`, ({ request }) => {
        accepts.push(request.headers.get('accept'))
        const count = JSON.parse(new URL(request.url).searchParams.get('items')!).length as number
        return HttpResponse.json(count === 1 ? [{ data: [] }] : [{ data: { id: 1, name: 'One' } }, { data: [] }])
      }),
    )
    const c = client()
    await expect(Promise.all([c.project.query({ id: 1 }), c.projects.query()])).resolves.toEqual([{ id: 1, name: 'One' }, []])
    await expect(c.projects.query()).resolves.toEqual([])
    expect(accepts).toEqual(['application/x-ndjson, application/json', null])
  })
})
