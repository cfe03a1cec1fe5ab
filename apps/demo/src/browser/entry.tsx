import { QueryClient } from '@tanstack/react-query'
import { hydrateRoot } from 'react-dom/client'
import { createDemoClient } from './demo-mizan.ts'
import { Document } from './document.tsx'
import { readPageProps } from './page-props.ts'

// The browser's half of the page: the same document, hydrated from the server's HTML and the
// Mizan data tag, so nothing is fetched until something changes.
const page = readPageProps()
hydrateRoot(document, <Document page={page} client={createDemoClient({ live: true })} queryClient={new QueryClient()} />)
