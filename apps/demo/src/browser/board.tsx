import { useEffect, useState } from 'react'
import { ActivityLine } from './activity-line.tsx'
import type { DemoClient } from './demo-mizan.ts'
import { LazyDevtools } from './lazy-devtools.tsx'
import { NewProjectForm } from './new-project-form.tsx'
import type { PageProps } from './page-props.ts'
import { ProjectList } from './project-list.tsx'
import { ProjectView } from './project-view.tsx'
import { useProjectRoute } from './use-project-route.ts'
import { UserMenu } from './user-menu.tsx'

/** The team board: projects on the left, the open project on the right. */
export function Board({ page, client }: { readonly page: PageProps; readonly client: DemoClient }) {
  const [projectId, open] = useProjectRoute(page.projectId)
  const [hydrated, setHydrated] = useState(false)
  // Tells tests and screenshots that the page is interactive.
  useEffect(() => {
    document.body.dataset['hydrated'] = 'true'
    setHydrated(true)
  }, [])
  return (
    <div className="app">
      <header className="topbar">
        <a className="brand" href="/">
          Mizan board
        </a>
        <UserMenu page={page} />
      </header>
      <aside className="sidebar">
        <ProjectList projectId={projectId} open={open} />
        <NewProjectForm page={page} />
      </aside>
      <main className="main">
        {/* Keyed: opening another project starts its forms afresh. */}
        <ProjectView key={projectId} projectId={projectId} />
      </main>
      <ActivityLine client={client} />
      {/* After hydration: the server never renders the panel, so the markup matches. */}
      {page.devtools && hydrated && <LazyDevtools client={client} open={page.devtoolsOpen} />}
    </div>
  )
}
