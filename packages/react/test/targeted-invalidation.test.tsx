import { render, cleanup } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { MizanProvider } from '../src/index.ts'
import { ProjectItem } from './fixtures/project-item.tsx'
import { serveDuringTests } from './fixtures/server.ts'
import { createTestClients, mizan, settle } from './fixtures/setup.tsx'

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
  return { client, queryClient, total: projectCount + 20 }
}

async function mounted(total: number, queryClient: ReturnType<typeof mountPage>['queryClient']) {
  await settle(() => live.current.log.reads.length === total && queryClient.isFetching() === 0)
  live.current.reset()
}

describe('a write refetches exactly what it invalidated', () => {
  it('exact: project({ id: 7, page: 2 }) refetches that one query only', async () => {
    live.current.reset()
    const { client, queryClient, total } = mountPage()
    await mounted(total, queryClient)
    await client.touchOne.mutate({ id: 7, page: 2 })
    await settle(() => live.current.log.reads.length >= 1 && queryClient.isFetching() === 0)
    expect(live.current.log.reads).toEqual(['project 7/2'])
    expect(live.current.log.bundles).toBe(1)
  })

  it('partial: project.where({ id: 7 }) refetches exactly the mounted instances holding id 7', async () => {
    live.current.reset()
    const { client, queryClient, total } = mountPage()
    await mounted(total, queryClient)
    await client.touchWhere.mutate({ id: 7 })
    await settle(() => live.current.log.reads.length >= 4 && queryClient.isFetching() === 0)
    expect(live.current.log.reads.sort()).toEqual(['project 7/1', 'project 7/2', 'project 7/3', 'project 7/4'])
    expect(live.current.log.bundles).toBe(1)
  })

  it('whole: project refetches every mounted project query, and nothing else, in one request', async () => {
    live.current.reset()
    const { client, queryClient, total } = mountPage()
    await mounted(total, queryClient)
    await client.touchAll.mutate()
    await settle(() => live.current.log.reads.length >= 40 && queryClient.isFetching() === 0)
    expect(live.current.log.reads).toHaveLength(40)
    expect(live.current.log.reads.every((read) => read.startsWith('project '))).toBe(true)
    expect(new Set(live.current.log.reads).size).toBe(40)
    expect(live.current.log.bundles).toBe(1)
  })

  it('whole, with 120 mounted: three requests at the default limit of 50 items', async () => {
    live.current.reset()
    const { client, queryClient, total } = mountPage(120)
    await mounted(total, queryClient)
    await client.touchAll.mutate()
    await settle(() => live.current.log.reads.length >= 120 && queryClient.isFetching() === 0)
    expect(live.current.log.reads).toHaveLength(120)
    expect(live.current.log.bundles).toBe(3)
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
    await settle(() => live.current.log.reads.length >= 1 && queryClient.isFetching() === 0)
    expect(live.current.log.reads).toEqual(['project 1/1'])
    expect(view.getByText('success')).toBeTruthy()
  })
})
