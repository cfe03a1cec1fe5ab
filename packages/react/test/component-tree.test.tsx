import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { useQuery } from '@tanstack/react-query'
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import superjson from 'superjson'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { MizanProvider } from '../src/index.ts'
import { startServer } from './fixtures/server.ts'
import { createTestClients, mizan } from './fixtures/setup.tsx'

// One component tree, two backends: msw speaking the wire format by hand, and the real server.

function ProjectCard({ id }: { id: number }) {
  const { data, error } = useQuery(mizan.project.queryOptions({ id, page: 1 }))
  const touch = mizan.touchOne.useMutation({ onSuccess: (result) => (document.title = `touched ${result.id}`) })
  // retryDelay 0: were a failed write ever retried, the retries would come at once and be counted.
  const refuse = mizan.refuse.useMutation({ retryDelay: 0 })
  if (error) return <p role="alert">{error.message}</p>
  return (
    <section>
      <h2>{data ? `${data.label} (${data.at.toISOString().slice(0, 4)})` : 'Loading'}</h2>
      <button onClick={() => touch.mutate({ id, page: 1 })}>Touch</button>
      <button onClick={() => refuse.mutate({ name: 'x' })}>Refuse</button>
      {refuse.error && <p role="status">{[refuse.error.code, ...(refuse.error.issues ?? []).map((issue) => issue.message)].join(': ')}</p>}
    </section>
  )
}

function renderTree(url: string) {
  const { client, queryClient } = createTestClients(url)
  render(
    <MizanProvider client={client} queryClient={queryClient}>
      <ProjectCard id={3} />
    </MizanProvider>,
  )
  return { client, queryClient }
}

const mockUrl = 'http://mock.test/mizan'
// The CSRF session a server with the check on gives, kept across tests' handlers.
const mock = setupServer(http.get(`${mockUrl}/session`, () => HttpResponse.json({ token: 'mock-token' })))
let version = 0
const mockHandlers = [
  http.get(`${mockUrl}/q`, ({ request }) => {
    const items = JSON.parse(new URL(request.url).searchParams.get('items')!) as Array<[string, { json: { id: number; page: number } }]>
    return HttpResponse.json(
      items.map(([, input]) => ({
        data: superjson.serialize({ ...input.json, label: `project ${input.json.id} v${version}`, at: new Date(Date.UTC(2030, 0)) }),
      })),
    )
  }),
  http.post(`${mockUrl}/m/touchOne`, async ({ request }) => {
    const input = superjson.deserialize<{ id: number; page: number }>((await request.json()) as never)
    version++
    return HttpResponse.json({
      id: 'mock-1',
      data: superjson.serialize(input),
      invalidate: [{ kind: 'exact', context: 'project', params: superjson.serialize(input) }],
    })
  }),
]

// The title is what the write's onSuccess sets: each test starts without it.
beforeEach(() => {
  document.title = ''
})

describe('the same component tree', () => {
  describe('against msw', () => {
    beforeAll(() => mock.listen({ onUnhandledRequest: 'error' }))
    afterEach(() => {
      cleanup()
      mock.resetHandlers()
      version = 0
    })
    afterAll(() => mock.close())

    it('reads, writes, and refetches what the answer invalidated', async () => {
      mock.use(...mockHandlers)
      renderTree(mockUrl)
      expect(await screen.findByText('project 3 v0 (2030)')).toBeTruthy()
      fireEvent.click(screen.getByText('Touch'))
      expect(await screen.findByText('project 3 v1 (2030)')).toBeTruthy()
      await vi.waitFor(() => expect(document.title).toBe('touched 3'))
    })

    // A write is never retried (a retry could write twice), whatever failed: the 5xx and the
    // dropped connection are what a read's default retry would send again.
    it.each([
      ['a refusal (400)', 'BAD_REQUEST: Too short', () => HttpResponse.json(
        { id: 'x', error: { code: 'BAD_REQUEST', message: 'Invalid input', status: 400, issues: [{ path: ['name'], message: 'Too short' }] }, invalidate: [] },
        { status: 400 },
      )],
      ['a crash (500)', 'INTERNAL', () => HttpResponse.json(
        { id: 'x', error: { code: 'INTERNAL', message: 'Internal server error', status: 500 }, invalidate: [] },
        { status: 500 },
      )],
      ['a dropped connection', 'NETWORK', () => HttpResponse.error()],
    ])('shows a failed write after %s, sent once', async (_what, shown, answer) => {
      let calls = 0
      mock.use(
        http.post(`${mockUrl}/m/refuse`, () => {
          calls++
          return answer()
        }),
        ...mockHandlers,
      )
      renderTree(mockUrl)
      await screen.findByText('project 3 v0 (2030)')
      expect(screen.queryByRole('status')).toBeNull()
      fireEvent.click(screen.getByText('Refuse'))
      expect((await screen.findByRole('status')).textContent).toBe(shown)
      expect(calls).toBe(1)
    })

    // The read's default retry (retryUnlessClientError): a 4xx means the request itself is wrong.
    it.each([
      ['an item answered NOT_FOUND', 'NOT_FOUND', 1, () => HttpResponse.json([{ error: { code: 'NOT_FOUND', message: 'No project 3', status: 404 } }])],
      ['a bundle refused with 400', 'BAD_REQUEST', 1, () => HttpResponse.json({ error: { code: 'BAD_REQUEST', message: 'Malformed bundle', status: 400 } }, { status: 400 })],
      ['an item answered INTERNAL', 'INTERNAL', 4, () => HttpResponse.json([{ error: { code: 'INTERNAL', message: 'Internal server error', status: 500 } }])],
      ['a dropped connection', 'NETWORK', 4, () => HttpResponse.error()],
    ])('retries a read after %s only if it can help', async (_what, code, attempts, answer) => {
      let requests = 0
      mock.use(
        http.get(`${mockUrl}/q`, () => {
          requests++
          return answer()
        }),
      )
      function ProjectStatus() {
        // retryDelay 0 keeps Mizan's retry policy and drops only React Query's backoff.
        const { status, error, failureCount } = mizan.project.useQuery({ id: 3, page: 1 }, { retryDelay: 0 })
        return <p role="log">{status === 'error' ? `${error.code} after ${failureCount}` : status}</p>
      }
      const { client, queryClient } = createTestClients(mockUrl)
      render(
        <MizanProvider client={client} queryClient={queryClient}>
          <ProjectStatus />
        </MizanProvider>,
      )
      expect(screen.getByRole('log').textContent).toBe('pending')
      // The error shows once React Query gave up: no retry is still to come.
      expect((await screen.findByText(/ after /)).textContent).toBe(`${code} after ${attempts}`)
      expect(requests).toBe(attempts)
    })
  })

  describe('against a real Express server', () => {
    let server: Awaited<ReturnType<typeof startServer>>
    beforeAll(async () => {
      server = await startServer()
    })
    afterEach(cleanup)
    afterAll(() => server.close())

    it('reads, writes, and refetches what the answer invalidated', async () => {
      const { queryClient } = renderTree(server.url)
      expect(await screen.findByText('project 3 page 1 (1970)')).toBeTruthy()
      // The same data comes back, so the screen cannot show the refetch: the cache's count does.
      const state = () => queryClient.getQueryState(mizan.project.queryKey({ id: 3, page: 1 }))
      expect(state()?.dataUpdateCount).toBe(1)
      server.reset()
      fireEvent.click(screen.getByText('Touch'))
      await vi.waitFor(() => expect(state()?.dataUpdateCount).toBe(2))
      expect(server.log.reads).toEqual(['project 3/1'])
      expect(queryClient.isFetching()).toBe(0)
      await vi.waitFor(() => expect(document.title).toBe('touched 3'))
    })

    it('shows a refused write with its issues', async () => {
      renderTree(server.url)
      await screen.findByText('project 3 page 1 (1970)')
      fireEvent.click(screen.getByText('Refuse'))
      expect((await screen.findByRole('status')).textContent).toMatch(/^BAD_REQUEST: .*3/)
    })
  })
})
