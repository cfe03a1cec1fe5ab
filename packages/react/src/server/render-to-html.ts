import { renderToString } from 'react-dom/server'
import { preparePage } from './prepare-page.ts'
import type { RenderPageOptions } from './prepare-page.ts'

export interface RenderedPage {
  /** The rendered markup of `render`. */
  readonly html: string
  /** The `<script id="__MIZAN_SSR_DATA__" type="application/json">` tag; place it after `html`, before the page's scripts. */
  readonly dataScript: string
}

/**
 * Renders a page to a string for one request: a fresh QueryClient, the page's prefetch, React's
 * `renderToString`, and the data tag the browser's `<MizanProvider>` hydrates from.
 *
 * @example
 * const mizan = createMizanServer({ router, ctx: { user } })
 * const { html, dataScript } = await renderToHtml({
 *   prefetch: (queryClient) => queryClient.prefetchQuery(mizan.project.queryOptions({ id: 7 })),
 *   render: (queryClient) => <App queryClient={queryClient} />,
 * })
 * res.send(`<!doctype html><div id="root">${html}</div>${dataScript}<script type="module" src="/app.js"></script>`)
 */
export async function renderToHtml(options: RenderPageOptions): Promise<RenderedPage> {
  const { queryClient, dataScript } = await preparePage(options)
  try {
    return { html: renderToString(options.render(queryClient)), dataScript }
  } finally {
    queryClient.clear()
  }
}
