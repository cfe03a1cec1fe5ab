import { renderToPipeableStream } from 'react-dom/server'
import type { RenderToPipeableStreamOptions } from 'react-dom/server'
import { preparePage } from './prepare-page.ts'
import type { RenderPageOptions } from './prepare-page.ts'

export interface StreamPageOptions extends RenderPageOptions {
  /** React's own options (`bootstrapModules`, `onError`, `nonce`...); the shell callbacks are Mizan's. */
  readonly react?: Omit<RenderToPipeableStreamOptions, 'onShellReady' | 'onShellError'> | undefined
}

/** React's stream, whose `pipe` writes the data tag right after the shell. */
export interface MizanPipeableStream {
  pipe<TWritable extends NodeJS.WritableStream>(destination: TWritable): TWritable
  abort(reason?: unknown): void
}

// What pipe uses of the destination: React's declarations name an empty type without @types/node.
interface Destination {
  write(chunk: string): unknown
  end(...args: unknown[]): unknown
  cork?(): void
  uncork?(): void
}

/**
 * Streams a page for one request (Node): a fresh QueryClient, the page's prefetch, then React's
 * `renderToPipeableStream`. Resolves once the shell is ready (set the status and headers, then
 * `pipe(res)`), rejects if the shell fails. The data tag goes right after the shell, in the same
 * write, before anything that streams in later (after `</html>` when the page was complete at
 * once: browsers put it in `<body>`); the page's scripts find it when they hydrate. Render the
 * whole document (`<html>`): React 19 leaves unknown tags in `<body>` alone when it hydrates.
 *
 * @example
 * const stream = await renderToStream({
 *   prefetch: (queryClient) => queryClient.prefetchQuery(mizan.project.queryOptions({ id: 7 })),
 *   render: (queryClient) => <Document queryClient={queryClient} />,
 *   react: { bootstrapModules: ['/app.js'] },
 * })
 * res.setHeader('content-type', 'text/html; charset=utf-8')
 * stream.pipe(res)
 */
export async function renderToStream(options: StreamPageOptions): Promise<MizanPipeableStream> {
  const { queryClient, dataScript } = await preparePage(options)
  const page = options.render(queryClient)
  return new Promise((resolve, reject) => {
    const stream = renderToPipeableStream(page, {
      ...options.react,
      onShellReady() {
        resolve({
          pipe(destination) {
            const out = destination as unknown as Destination
            let written = false
            const writeTag = () => {
              if (written) return
              written = true
              out.write(dataScript)
            }
            // React writes the shell synchronously inside pipe(), and the whole page, ended, if
            // nothing is left to stream: the tag goes right after the shell or before the end,
            // whichever comes first. A proxy rather than a stream in between: React keeps the
            // destination's own events (drain, close) and nothing is copied.
            const endsAfterTag = new Proxy(destination, {
              get(target, key) {
                const value: unknown = Reflect.get(target, key, target)
                if (key === 'end') return (...args: unknown[]) => (writeTag(), out.end(...args))
                return typeof value === 'function' ? value.bind(target) : value
              },
            })
            // Corked, the shell and the tag leave in one write: a page script that runs as soon
            // as the shell arrives finds the tag.
            out.cork?.()
            stream.pipe(endsAfterTag)
            writeTag()
            out.uncork?.()
            return destination
          },
          abort: (reason) => stream.abort(reason),
        })
      },
      onShellError: reject,
    })
  })
}
