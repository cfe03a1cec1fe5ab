// @vitest-environment node
import { Writable } from 'node:stream'
import { QueryClientProvider, useQuery } from '@tanstack/react-query'
import type { QueryClient } from '@tanstack/react-query'
import { Suspense, use } from 'react'
import superjson from 'superjson'
import { describe, expect, it } from 'vitest'
import { parseSsrData, ssrDataElementId } from '../../src/index.ts'
import { createMizanServer, renderToHtml, renderToStream } from '../../src/server/index.ts'
import { createApp } from '../fixtures/app-router.ts'
import { mizan } from '../fixtures/setup.tsx'

const tagStart = `<script id="${ssrDataElementId}" type="application/json">`

function Label() {
  const { data } = useQuery(mizan.project.queryOptions({ id: 1, page: 1 }))
  return <p id="label">{data?.label ?? 'not prefetched'}</p>
}

function Later({ until }: { until: Promise<string> }) {
  return <p id="later">{use(until)}</p>
}

/** The request's prefetch: project 1 through the router, in process. */
function prefetchProject(queryClient: QueryClient) {
  return queryClient.prefetchQuery(createMizanServer({ router: createApp().router, ctx: {} }).project.queryOptions({ id: 1, page: 1 }))
}

/** A Writable collecting what it gets, with each write kept apart. */
function collector() {
  const writes: string[] = []
  let finished!: () => void
  const done = new Promise<void>((resolve) => (finished = resolve))
  const sink = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      writes.push(String(chunk))
      callback()
    },
    writev(chunks, callback) {
      writes.push(chunks.map(({ chunk }) => String(chunk)).join(''))
      callback()
    },
  })
  sink.on('finish', () => finished())
  return { sink, writes, done, text: () => writes.join('') }
}

function dataOf(html: string) {
  const start = html.indexOf(tagStart) + tagStart.length
  return parseSsrData(html.slice(start, html.indexOf('</script>', start)), superjson)
}

describe('renderToHtml', () => {
  it('renders with the prefetched data and gives its tag apart', async () => {
    const { html, dataScript } = await renderToHtml({ prefetch: prefetchProject, render: (queryClient) => <Provided queryClient={queryClient} /> })
    expect(html).toBe('<p id="label">project 1 page 1</p>')
    expect(dataScript.startsWith(tagStart)).toBe(true)
    expect(dataOf(dataScript).queries.map((query) => query.queryKey)).toEqual([mizan.project.queryKey({ id: 1, page: 1 })])
  })

  it('makes a new QueryClient for every page, with the defaults given', async () => {
    const seen: QueryClient[] = []
    const render = (queryClient: QueryClient) => (seen.push(queryClient), null)
    await renderToHtml({ render, queryClientDefaults: { queries: { staleTime: 123 } } })
    await renderToHtml({ render })
    expect(seen).toHaveLength(2)
    expect(seen[0]).not.toBe(seen[1])
    expect(seen[0]!.getDefaultOptions().queries?.staleTime).toBe(123)
  })

  it("fails with the prefetch's own error", async () => {
    const failing = () => Promise.reject(new Error('database down'))
    await expect(renderToHtml({ prefetch: failing, render: () => null })).rejects.toThrow('database down')
  })
})

describe('renderToStream', () => {
  it('writes the tag right after the shell, in its write, before what streams in later', async () => {
    let resolve!: (text: string) => void
    const until = new Promise<string>((done) => (resolve = done))
    const stream = await renderToStream({
      prefetch: prefetchProject,
      render: (queryClient) => (
        <html>
          <body>
            <Provided queryClient={queryClient} />
            <Suspense fallback={<p>waiting</p>}>
              <Later until={until} />
            </Suspense>
          </body>
        </html>
      ),
      react: { bootstrapModules: ['/app.js'] },
    })
    const out = collector()
    stream.pipe(out.sink)
    // The shell, then the tag, left together.
    expect(out.writes).toHaveLength(1)
    expect(out.writes[0]).toContain('project 1 page 1')
    expect(out.writes[0]!.endsWith('</script>')).toBe(true)
    expect(out.writes[0]!.indexOf(tagStart)).toBeGreaterThan(out.writes[0]!.indexOf('src="/app.js"'))
    resolve('streamed later')
    await out.done
    const html = out.text()
    expect(html.split(tagStart)).toHaveLength(2)
    expect(html.indexOf(tagStart)).toBeLessThan(html.indexOf('streamed later'))
    expect(html.endsWith('</body></html>')).toBe(true)
    expect(dataOf(html).queries.map((query) => query.queryKey)).toEqual([mizan.project.queryKey({ id: 1, page: 1 })])
  })

  it('writes the tag before the end when the page was complete at once', async () => {
    const stream = await renderToStream({ prefetch: prefetchProject, render: (queryClient) => <Provided queryClient={queryClient} /> })
    const out = collector()
    stream.pipe(out.sink)
    await out.done
    expect(out.text().startsWith('<p id="label">project 1 page 1</p>')).toBe(true)
    expect(out.text().split(tagStart)).toHaveLength(2)
  })

  it('rejects when the shell fails', async () => {
    function Broken(): never {
      throw new Error('shell broke')
    }
    await expect(renderToStream({ render: () => <Broken />, react: { onError: () => {} } })).rejects.toThrow('shell broke')
  })
})

// The page's QueryClient for its queries; no Mizan client is needed when everything is prefetched.
function Provided({ queryClient }: { queryClient: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <Label />
    </QueryClientProvider>
  )
}
