// @vitest-environment node
import superjson from 'superjson'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseSsrData, ssrDataElementId } from '../../src/index.ts'
import { startSsrServer } from './fixture/ssr-server.tsx'

// Acceptance 1 of issue 13: one user's data never reaches another's page, under concurrency.
// Every `me` read waits until all 100 have started, so the 100 renders are truly in flight
// together, half streamed and half rendered to a string.
const users = Array.from({ length: 10 }, (_, i) => `user-${i}`)
const requests = 100

describe('SSR under 100 concurrent requests for 10 users', () => {
  let live: Awaited<ReturnType<typeof startSsrServer>>
  beforeAll(async () => {
    live = await startSsrServer({ overlap: requests })
  })
  afterAll(() => live.close())

  it("gives each page only its own user's data, in its markup and in its data tag", async () => {
    const pages = await Promise.all(
      Array.from({ length: requests }, async (_, i) => {
        const user = users[i % users.length]!
        const response = await fetch(`${live.base}/${i % 2 ? 'stream' : 'string'}`, { headers: { 'x-user': user } })
        expect(response.status).toBe(200)
        return { user, html: await response.text() }
      }),
    )
    expect(live.log.rendered.filter((read) => read.startsWith('me '))).toHaveLength(requests)
    expect(live.log.reads).toEqual([])

    for (const { user, html } of pages) {
      expect(html).toContain(`${user}: secret of ${user}`)
      for (const other of users) {
        // `user-1` is a prefix of no other user: ten users, one digit each.
        if (other !== user) expect(html).not.toContain(other)
      }
      const tags = [...html.matchAll(new RegExp(`<script id="${ssrDataElementId}" type="application/json">([^<]*)</script>`, 'g'))]
      expect(tags).toHaveLength(1)
      const state = parseSsrData(tags[0]![1]!, superjson)
      const me = state.queries.find((query) => query.queryKey[1] === 'me')
      expect(me?.state.data).toEqual({ user, secret: `secret of ${user}`, at: new Date(Date.UTC(2025, 0, 1)) })
    }
  }, 30_000)
})
