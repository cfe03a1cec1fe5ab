import type { QueryClient } from '@tanstack/react-query'
import { hydrateFromPage, MizanProvider } from '@mizan/react'
import { Board } from './board.tsx'
import type { DemoClient } from './demo-mizan.ts'
import type { PageProps } from './page-props.ts'

export interface DocumentProps {
  readonly page: PageProps
  readonly client: DemoClient
  readonly queryClient: QueryClient
}

/** The whole page, rendered on the server and hydrated in the browser from the same props. */
export function Document({ page, client, queryClient }: DocumentProps) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Mizan board</title>
        {/* No favicon request: a 404 in every test's console otherwise. */}
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/assets/styles.css" />
      </head>
      <body>
        <MizanProvider client={client} queryClient={queryClient} hydrate={hydrateFromPage}>
          <Board page={page} client={client} />
        </MizanProvider>
      </body>
    </html>
  )
}
