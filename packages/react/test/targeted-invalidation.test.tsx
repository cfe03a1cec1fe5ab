import { render, cleanup } from '@testing-library/react'
import { useQuery } from '@tanstack/react-query'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { MizanProvider } from '../src/index.ts'
import { startServer } from './fixtures/server.ts'
import { createTestClients, mizan, settle } from './fixtures/setup.tsx'

let server: Awaited<ReturnType<typeof startServer>>
beforeAll(async () => {
  server = await startServer()
})
afterAll(() => server.close())
afterEach(cleanup)

function Project({ id, page }: { id: number; page: number }) {
  const { data } = useQuery(mizan.project.queryOptions({ id, page }))
  return <li>{data?.label}</li>
}

function Note({ n }: { n: number }) {
  const { data } = mizan.note.useQuery({ n })
  return <li>{data}</li>
}

/** 40 `project` queries (ids 1-10, pages 1-4) and 20 `note` queries, all mounted. */
function mountPage(projectCount = 40) {
  const { client, queryClient } = createTestClients(server.url)
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
  await settle(() => server.log.reads.length === total && queryClient.isFetching() === 0)
  server.reset()
}

describe('a write refetches exactly what it invalidated', () => {
  it('exact: project({ id: 7, page: 2 }) refetches that one query only', async () => {
    server.reset()
    const { client, queryClient, total } = mountPage()
    await mounted(total, queryClient)
    await client.touchOne.mutate({ id: 7, page: 2 })
    await settle(() => server.log.reads.length >= 1 && queryClient.isFetching() === 0)
    expect(server.log.reads).toEqual(['project 7/2'])
    expect(server.log.bundles).toBe(1)
  })

  it('partial: project.where({ id: 7 }) refetches exactly the mounted instances holding id 7', async () => {
    server.reset()
    const { client, queryClient, total } = mountPage()
    await mounted(total, queryClient)
    await client.touchWhere.mutate({ id: 7 })
    await settle(() => server.log.reads.length >= 4 && queryClient.isFetching() === 0)
    expect(server.log.reads.sort()).toEqual(['project 7/1', 'project 7/2', 'project 7/3', 'project 7/4'])
    expect(server.log.bundles).toBe(1)
  })

  it('whole: project refetches every mounted project query, and nothing else, in one request', async () => {
    server.reset()
    const { client, queryClient, total } = mountPage()
    await mounted(total, queryClient)
    await client.touchAll.mutate()
    await settle(() => server.log.reads.length >= 40 && queryClient.isFetching() === 0)
    expect(server.log.reads).toHaveLength(40)
    expect(server.log.reads.every((read) => read.startsWith('project '))).toBe(true)
    expect(new Set(server.log.reads).size).toBe(40)
    expect(server.log.bundles).toBe(1)
  })

  it('whole, with 120 mounted: three requests at the default limit of 50 items', async () => {
    server.reset()
    const { client, queryClient, total } = mountPage(120)
    await mounted(total, queryClient)
    await client.touchAll.mutate()
    await settle(() => server.log.reads.length >= 120 && queryClient.isFetching() === 0)
    expect(server.log.reads).toHaveLength(120)
    expect(server.log.bundles).toBe(3)
  })

  it('through useMutation too, the server deciding what to refetch', async () => {
    server.reset()
    const { client, queryClient } = createTestClients(server.url)
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
    await settle(() => server.log.reads.length >= 1 && queryClient.isFetching() === 0)
    expect(server.log.reads).toEqual(['project 1/1'])
    expect(view.getByText('success')).toBeTruthy()
  })
})
