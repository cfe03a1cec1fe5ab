import { cleanup, render, screen } from '@testing-library/react'
import { useQuery } from '@tanstack/react-query'
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import superjson from 'superjson'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { MizanProvider } from '../src/index.ts'
import type { ReadRequest } from '../src/index.ts'
import { createTestClients, mizan } from './fixtures/setup.tsx'

// Issue 11: per-call request options for reads from a hook, like tRPC's per-call context:
// `queryOptions(params, { request: { headers, batch, signal } })`. The wire is the point here,
// so msw serves it: which requests went, with which headers and items, and which were aborted.
const url = 'http://api.test/mizan'
const mock = setupServer()
beforeAll(() => mock.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  cleanup()
  mock.resetHandlers()
})
afterAll(() => mock.close())

interface Seen {
  readonly items: string[]
  readonly trace: string | null
}

/** Answers each bundle with a label per item, recording its items and x-trace header. */
function recordBundles(): Seen[] {
  const seen: Seen[] = []
  mock.use(
    http.get(`${url}/q`, ({ request }) => {
      const items = JSON.parse(new URL(request.url).searchParams.get('items')!) as Array<[string, { json: { id: number } }]>
      seen.push({ items: items.map(([, input]) => `project ${input.json.id}`), trace: request.headers.get('x-trace') })
      return HttpResponse.json(items.map(([, input]) => ({ data: superjson.serialize({ label: `project ${input.json.id}` }) })))
    }),
  )
  return seen
}

/** Holds every bundle until its request is aborted; resolves `arrived` when one comes in. */
function holdBundles() {
  let arrive!: () => void
  const arrived = new Promise<void>((resolve) => (arrive = resolve))
  const aborted: string[] = []
  mock.use(
    http.get(`${url}/q`, ({ request }) => {
      arrive()
      return new Promise<Response>((resolve) => {
        request.signal.addEventListener('abort', () => {
          aborted.push(request.headers.get('x-trace') ?? 'none')
          resolve(HttpResponse.json([]))
        })
      })
    }),
  )
  return { arrived, aborted }
}

function Project({ id, request }: { id: number; request?: ReadRequest }) {
  const { data, error } = useQuery(mizan.project.queryOptions({ id, page: 1 }, { request, retry: false }))
  if (error) return <li>{`project ${id} failed: ${error.name}`}</li>
  return <li>{data ? data.label : `project ${id} loading`}</li>
}

describe('queryOptions(params, { request })', () => {
  it('sends the read with its headers, alone with batch: false, and bundles it only with reads of equal headers', async () => {
    const seen = recordBundles()
    const { client, queryClient } = createTestClients(url)
    render(
      <MizanProvider client={client} queryClient={queryClient}>
        <Project id={1} request={{ headers: { 'x-trace': '1' }, batch: false }} />
        <Project id={2} />
        <Project id={3} request={{ headers: { 'x-trace': '1' } }} />
        <Project id={4} request={{ headers: { 'x-trace': '1' } }} />
        <Project id={5} />
      </MizanProvider>,
    )
    for (const id of [1, 2, 3, 4, 5]) await screen.findByText(`project ${id}`)
    expect(seen).toEqual([
      { items: ['project 1'], trace: '1' },
      { items: ['project 2', 'project 5'], trace: null },
      { items: ['project 3', 'project 4'], trace: '1' },
    ])
  })

  it('aborts the read, and its request, when the signal of `request` aborts', async () => {
    const { arrived, aborted } = holdBundles()
    const { client, queryClient } = createTestClients(url)
    const controller = new AbortController()
    render(
      <MizanProvider client={client} queryClient={queryClient}>
        <Project id={1} request={{ signal: controller.signal, headers: { 'x-trace': 'mine' } }} />
      </MizanProvider>,
    )
    await arrived
    expect(aborted).toEqual([])
    controller.abort()
    await screen.findByText('project 1 failed: AbortError')
    await vi.waitFor(() => expect(aborted).toEqual(['mine']))
  })

  it("still passes React Query's own signal: cancelQueries aborts the request of a read with a signal of its own", async () => {
    const { arrived, aborted } = holdBundles()
    const { client, queryClient } = createTestClients(url)
    render(
      <MizanProvider client={client} queryClient={queryClient}>
        <Project id={1} request={{ signal: new AbortController().signal, headers: { 'x-trace': 'rq' } }} />
      </MizanProvider>,
    )
    await arrived
    await queryClient.cancelQueries({ queryKey: mizan.project.queryKey({ id: 1, page: 1 }) })
    await vi.waitFor(() => expect(aborted).toEqual(['rq']))
  })
})
