import { render, cleanup } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { MizanProvider } from '../src/index.ts'
import { ProjectItem } from './fixtures/project-item.tsx'
import { serveDuringTests } from './fixtures/server.ts'
import { createTestClients, logAfterMarker, mizan, projectUpdates } from './fixtures/setup.tsx'

const live = serveDuringTests()
afterEach(cleanup)
const Project = ProjectItem

function Note({ n }: { n: number }) {
  const { data } = mizan.note.useQuery({ n })
  return <li>{data}</li>
}

/** 40 `project` queries (ids 1-10, pages 1-4) and 20 `note` queries, all mounted. */
function mountPage(projectCount = 40) {
  const { client, queryClient } = createTestClients(live.current.url)
  const projects = Array.from({ length: projectCount }, (_, i) => ({ id: (i % 10) + 1, page: Math.floor(i / 10) + 1 }))
  render(
    <MizanProvider client={client} queryClient={queryClient}>
      <ul>
        {projects.map((p) => (
          <Project key={`${p.id}/${p.page}`} {...p} />
        ))}
        {Array.from({ length: 20 }, (_, n) => (
          <Note key={n} n={n} />
        ))}
      </ul>
    </MizanProvider>,
  )
  return { client, queryClient, projects, total: projectCount + 20 }
}

/** Waits for the mount to be over: the server logged each query's read once, every query has its data. */
async function mounted(total: number, queryClient: ReturnType<typeof mountPage>['queryClient']) {
  await vi.waitFor(() => {
    expect(live.current.log.reads).toHaveLength(total)
    expect(queryClient.isFetching()).toBe(0)
    expect(queryClient.getQueryCache().getAll().filter((query) => query.state.status === 'success').length).toBe(total)
  }, { timeout: 5000 })
  live.current.reset()
}

/** Waits for a completed refetch of each of these `project` queries. */
async function refetched(queryClient: ReturnType<typeof mountPage>['queryClient'], projects: Array<{ id: number; page: number }>) {
  await vi.waitFor(() => expect(projects.filter((params) => projectUpdates(queryClient, params) < 2)).toEqual([]), { timeout: 5000 })
}

describe('a write refetches exactly what it invalidated', () => {
  it('exact: project({ id: 7, page: 2 }) refetches that one query only', async () => {
    live.current.reset()
    const { client, queryClient, total } = mountPage()
    await mounted(total, queryClient)
    await client.touchOne.mutate({ id: 7, page: 2 })
    await refetched(queryClient, [{ id: 7, page: 2 }])
    const log = await logAfterMarker({ client, queryClient }, live.current.log)
    expect(log.reads).toEqual(['project 7/2'])
    expect(log.bundles).toBe(1)
  })

  it('partial: project.where({ id: 7 }) refetches exactly the mounted instances holding id 7', async () => {
    live.current.reset()
    const { client, queryClient, total } = mountPage()
    await mounted(total, queryClient)
    await client.touchWhere.mutate({ id: 7 })
    await refetched(queryClient, [1, 2, 3, 4].map((page) => ({ id: 7, page })))
    const log = await logAfterMarker({ client, queryClient }, live.current.log)
    expect(log.reads.sort()).toEqual(['project 7/1', 'project 7/2', 'project 7/3', 'project 7/4'])
    expect(log.bundles).toBe(1)
  })

  it('whole: project refetches every mounted project query, and nothing else, in one request', async () => {
    live.current.reset()
    const { client, queryClient, projects, total } = mountPage()
    await mounted(total, queryClient)
    await client.touchAll.mutate()
    await refetched(queryClient, projects)
    const log = await logAfterMarker({ client, queryClient }, live.current.log)
    expect(log.reads).toHaveLength(40)
    expect(log.reads.every((read) => read.startsWith('project '))).toBe(true)
    expect(new Set(log.reads).size).toBe(40)
    expect(log.bundles).toBe(1)
  })

  it('whole, with 120 mounted: three requests at the default limit of 50 items', async () => {
    live.current.reset()
    const { client, queryClient, projects, total } = mountPage(120)
    await mounted(total, queryClient)
    await client.touchAll.mutate()
    await refetched(queryClient, projects)
    const log = await logAfterMarker({ client, queryClient }, live.current.log)
    expect(log.reads).toHaveLength(120)
    expect(log.bundles).toBe(3)
  })

  it('through useMutation too, the server deciding what to refetch', async () => {
    live.current.reset()
    const { client, queryClient } = createTestClients(live.current.url)
    let trigger: (() => void) | undefined
    function Rename() {
      const touch = mizan.touchOne.useMutation()
      trigger = () => touch.mutate({ id: 1, page: 1 })
      return <p>{touch.status}</p>
    }
    const view = render(
      <MizanProvider client={client} queryClient={queryClient}>
        <Project id={1} page={1} />
        <Project id={2} page={1} />
        <Rename />
      </MizanProvider>,
    )
    await mounted(2, queryClient)
    trigger!()
    expect(await view.findByText('success')).toBeTruthy()
    await refetched(queryClient, [{ id: 1, page: 1 }])
    const log = await logAfterMarker({ client, queryClient }, live.current.log)
    expect(log.reads).toEqual(['project 1/1'])
  })
})
