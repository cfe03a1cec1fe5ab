import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { useQuery } from '@tanstack/react-query'
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import superjson from 'superjson'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { MizanProvider } from '../src/index.ts'
import { startServer } from './fixtures/server.ts'
import { createTestClients, mizan } from './fixtures/setup.tsx'

// One component tree, two backends: msw speaking the wire format by hand, and the real server.

function ProjectCard({ id }: { id: number }) {
  const { data, error } = useQuery(mizan.project.queryOptions({ id, page: 1 }))
  const touch = mizan.touchOne.useMutation({ onSuccess: (result) => (document.title = `touched ${result.id}`) })
  const refuse = mizan.refuse.useMutation()
  if (error) return <p role="alert">{error.message}</p>
  return (
    <section>
      <h2>{data ? `${data.label} (${data.at.toISOString().slice(0, 4)})` : 'Loading'}</h2>
      <button onClick={() => touch.mutate({ id, page: 1 })}>Touch</button>
      <button onClick={() => refuse.mutate({ name: 'x' })}>Refuse</button>
      {refuse.error && <p role="status">{`${refuse.error.code}: ${refuse.error.issues?.[0]?.message}`}</p>}
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

const mock = setupServer()
let version = 0
const mockUrl = 'http://mock.test/mizan'
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
      invalidate: superjson.serialize([{ kind: 'exact', context: 'project', params: input }]),
    })
  }),
]

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
      expect(document.title).toBe('touched 3')
    })

    it('shows a refused write without retrying it', async () => {
      let calls = 0
      mock.use(
        http.post(`${mockUrl}/m/refuse`, () => {
          calls++
          return HttpResponse.json(
            { id: 'x', error: { code: 'BAD_REQUEST', message: 'Invalid input', status: 400, issues: [{ path: ['name'], message: 'Too short' }] }, invalidate: superjson.serialize([]) },
            { status: 400 },
          )
        }),
        ...mockHandlers,
      )
      renderTree(mockUrl)
      await screen.findByText('project 3 v0 (2030)')
      fireEvent.click(screen.getByText('Refuse'))
      expect((await screen.findByRole('status')).textContent).toBe('BAD_REQUEST: Too short')
      expect(calls).toBe(1)
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
      renderTree(server.url)
      expect(await screen.findByText('project 3 page 1 (1970)')).toBeTruthy()
      server.reset()
      fireEvent.click(screen.getByText('Touch'))
      await screen.findByText('project 3 page 1 (1970)')
      await new Promise((resolve) => setTimeout(resolve, 100))
      expect(server.log.reads).toEqual(['project 3/1'])
      expect(document.title).toBe('touched 3')
    })

    it('shows a refused write with its issues', async () => {
      renderTree(server.url)
      await screen.findByText('project 3 page 1 (1970)')
      fireEvent.click(screen.getByText('Refuse'))
      expect((await screen.findByRole('status')).textContent).toMatch(/^BAD_REQUEST: .*3/)
    })
  })
})
