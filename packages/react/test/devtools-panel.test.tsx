import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { MizanDevtools } from '../src/devtools/index.ts'
import { MizanProvider } from '../src/index.ts'
import { ProjectItem } from './fixtures/project-item.tsx'
import { serveDuringTests } from './fixtures/server.ts'
import { createTestClients, projectUpdates } from './fixtures/setup.tsx'

const live = serveDuringTests()
afterEach(cleanup)

function renderApp(initialIsOpen: boolean) {
  const { client, queryClient } = createTestClients(live.current.url)
  const view = render(
    <MizanProvider client={client} queryClient={queryClient}>
      <ul>
        <ProjectItem id={1} page={1} />
      </ul>
      <MizanDevtools client={client} initialIsOpen={initialIsOpen} position="top-left" />
    </MizanProvider>,
  )
  return { client, queryClient, container: view.container }
}

const edge = (container: HTMLElement, name: string) => container.querySelector(`[data-edge="${name}"]`)

describe('<MizanDevtools> against a real server', () => {
  it('logs a write: its directive and source, the query it hit, the request its refetch took; flags one that matched nothing', async () => {
    const { client, queryClient, container } = renderApp(true)
    await vi.waitFor(() => expect(projectUpdates(queryClient, { id: 1, page: 1 })).toBe(1))
    expect(screen.getByText('No invalidation yet: make a write.')).toBeTruthy()

    await client.touchOne.mutate({ id: 1, page: 1 })
    const row = await vi.waitFor(() => {
      const found = container.querySelector('[data-directive=\'project({"id":1,"page":1})\']')
      expect(found?.textContent).toMatch(/ms, 1 item\)/)
      return found!
    })
    expect(row.getAttribute('data-source')).toBe('response')
    expect(row.textContent).toContain('this tab')
    expect(row.textContent).toContain('from touchOne')
    const hit = row.querySelector('[data-hit]')!
    expect(hit.getAttribute('data-refetched')).toBe('true')
    const requestId = hit.getAttribute('data-request')
    expect(requestId).toMatch(/^\d+$/)
    expect(hit.textContent).toContain(`project({"id":1,"page":1}) refetched in request #${requestId} (GET 200, `)

    await client.touchFeed.mutate({ topic: 'unread' })
    const unmatched = await vi.waitFor(() => {
      const found = container.querySelector('[data-directive=\'feed({"topic":"unread"})\']')
      expect(found).not.toBeNull()
      return found!
    })
    expect(unmatched.querySelector('[data-unmatched]')?.textContent).toBe('matched nothing')
    // Newest first.
    expect([...container.querySelectorAll('[data-directive]')].map((node) => node.getAttribute('data-directive'))).toEqual([
      'feed({"topic":"unread"})',
      'project({"id":1,"page":1})',
    ])
  })

  it('draws the served map (static edges solid) and adds what answers showed (dashed)', async () => {
    const { client, container } = renderApp(true)
    await vi.waitFor(() => expect(edge(container, 'touchAll->project')).not.toBeNull())
    expect(edge(container, 'touchAll->project')!.getAttribute('data-kind')).toBe('static')
    expect(edge(container, 'touchAll->project')!.getAttribute('stroke-dasharray')).toBeNull()
    expect(edge(container, 'refuse->project')!.getAttribute('data-kind')).toBe('static')
    // Dynamic: known only once a write is seen.
    expect(edge(container, 'touchWhere->project')).toBeNull()
    expect(container.querySelector('[data-mutation="touchWhere"]')?.textContent).toBe('ƒ touchWhere')

    await client.touchWhere.mutate({ id: 4 })
    await vi.waitFor(() => expect(edge(container, 'touchWhere->project')).not.toBeNull())
    expect(edge(container, 'touchWhere->project')!.getAttribute('data-kind')).toBe('observed')
    expect(edge(container, 'touchWhere->project')!.getAttribute('stroke-dasharray')).toBe('4 3')
  })

  it('starts as a button in its corner, records while closed, and opens on click', async () => {
    const { client } = renderApp(false)
    const button = screen.getByRole('button', { name: 'Open Mizan Devtools' })
    expect(button.style.top).toBe('12px')
    expect(button.style.left).toBe('12px')
    await client.touchAll.mutate()
    fireEvent.click(button)
    await vi.waitFor(() => expect(screen.getByRole('region', { name: 'Mizan Devtools' }).querySelector('[data-directive="project"]')).not.toBeNull())
  })
})
