import superjson from 'superjson'
import { createClient, MizanClientError } from '@mizan/client'
import type { FlushedDirective } from '@mizan/client'
import type { DemoRouter } from '../router.ts'

// The demo page's script: the same router, called from the browser through the typed client.
const client = createClient<DemoRouter>({ url: '/mizan', transformer: superjson })

const projectList = document.querySelector<HTMLUListElement>('#projects')!
const log = document.querySelector<HTMLOListElement>('#directives-log')!
const form = document.querySelector<HTMLFormElement>('#rename-form')!
const status = document.querySelector<HTMLParagraphElement>('#rename-status')!

// Every write's directives arrive here, once per microtask, whoever made the write.
client.$scheduler.subscribe((directives) => {
  const entry = document.createElement('li')
  entry.textContent = directives.map(describe).join(', ')
  log.prepend(entry)
  if (directives.some((directive) => directive.context === 'projects')) void refreshProjects()
})

function describe(directive: FlushedDirective): string {
  return directive.kind === 'whole' ? `${directive.context} (all)` : `${directive.context} ${directive.kind} ${JSON.stringify(directive.params)}`
}

async function refreshProjects(): Promise<void> {
  const projects = await client.projects.query()
  projectList.replaceChildren(
    ...projects.map((project) => {
      const item = document.createElement('li')
      item.textContent = `#${project.id} ${project.name}`
      return item
    }),
  )
}

form.addEventListener('submit', async (event) => {
  event.preventDefault()
  const data = new FormData(form)
  try {
    const renamed = await client.renameProject.mutate({ id: Number(data.get('id')), name: String(data.get('name')) })
    status.textContent = `Renamed #${renamed.id} to ${renamed.name}.`
    status.className = ''
  } catch (error) {
    // The form keeps what was typed: nothing is lost on a refused write.
    const issues = error instanceof MizanClientError && error.issues ? ` (${error.issues.map((i) => i.message).join('; ')})` : ''
    status.textContent = `${error instanceof Error ? error.message : String(error)}${issues}`
    status.className = 'error'
  }
})

document.body.dataset.client = 'ready'
