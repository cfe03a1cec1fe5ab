import { QueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import type { FormEvent } from 'react'
import { createRoot } from 'react-dom/client'
import superjson from 'superjson'
import { createClient, MizanClientError } from '@mizan/client'
import type { FlushedDirective } from '@mizan/client'
import { createMizanReact, MizanProvider } from '@mizan/react'
import type { DemoRouter } from '../router.ts'

// The demo page's live part: the same router through the typed client and the React Query
// bridge. Not one invalidateQueries call: each write's answer says what to refetch.
const client = createClient<DemoRouter>({ url: '/mizan', transformer: superjson })
const mizan = createMizanReact<DemoRouter>({ transformer: superjson })
const queryClient = new QueryClient()
const ProjectData = mizan.project.createProvider()

function ProjectList() {
  const { data } = mizan.projects.useQuery()
  return (
    <ul id="projects">
      {data?.map((project) => (
        <li key={project.id}>
          #{project.id} {project.name}
        </li>
      ))}
    </ul>
  )
}

// A refused write's message already names each issue (`Invalid input: name: ...`); a failure
// that is no Mizan answer at all is shown as a network problem.
function messageOf(error: unknown): string {
  if (error instanceof MizanClientError) return error.message
  return `Could not reach the server (${error instanceof Error ? error.message : String(error)})`
}

function RenameForm() {
  const [id, setId] = useState('1')
  const [name, setName] = useState('')
  const rename = mizan.renameProject.useMutation()
  const submit = (event: FormEvent) => {
    event.preventDefault()
    rename.mutate({ id: Number(id), name })
  }
  return (
    <>
      <form id="rename-form" onSubmit={submit}>
        <label>
          Project id <input name="id" value={id} size={4} onChange={(event) => setId(event.target.value)} />
        </label>{' '}
        <label>
          New name <input name="name" value={name} onChange={(event) => setName(event.target.value)} />
        </label>{' '}
        <button type="submit">Rename</button>
      </form>
      {/* The form keeps what was typed: nothing is lost on a refused write. */}
      <p id="rename-status" className={rename.isError ? 'error' : ''}>
        {rename.isError ? messageOf(rename.error) : rename.data ? `Renamed #${rename.data.id} to ${rename.data.name}.` : ''}
      </p>
    </>
  )
}

function ProjectTitle() {
  return <h3 id="project-title">Tasks of {ProjectData.useData().name}</h3>
}

function TaskPanel({ projectId }: { projectId: number }) {
  const { data: tasks } = mizan.tasks.useQuery({ projectId })
  const [title, setTitle] = useState('')
  const addTask = mizan.addTask.useMutation({ onSuccess: () => setTitle('') })
  return (
    <ProjectData.Provider params={{ id: projectId }} fallback={<p>Loading…</p>}>
      <ProjectTitle />
      <ul id="tasks">
        {tasks?.map((task) => (
          <li key={task.id}>{task.done ? <s>{task.title}</s> : task.title}</li>
        ))}
      </ul>
      <form
        id="task-form"
        onSubmit={(event) => {
          event.preventDefault()
          addTask.mutate({ projectId, title })
        }}
      >
        <input name="title" value={title} placeholder="A new task" onChange={(event) => setTitle(event.target.value)} />{' '}
        <button type="submit">Add task</button>
      </form>
      {addTask.isError && <p className="error">{messageOf(addTask.error)}</p>}
    </ProjectData.Provider>
  )
}

function describe(directive: FlushedDirective): string {
  if (directive.kind === 'all') return 'everything'
  return directive.kind === 'whole' ? `${directive.context} (all)` : `${directive.context} ${directive.kind} ${JSON.stringify(directive.params)}`
}

/** Every flush of the client's scheduler, newest first: what each write invalidated. */
function DirectivesLog() {
  const [flushes, setFlushes] = useState<string[]>([])
  useEffect(() => client.$scheduler.subscribe((directives) => setFlushes((list) => [directives.map(describe).join(', '), ...list])), [])
  return (
    <ol id="directives-log">
      {flushes.map((flush, index) => (
        <li key={flushes.length - index}>{flush}</li>
      ))}
    </ol>
  )
}

function LiveDemo() {
  // Marks the page as live once React has replaced the server-rendered part (tests wait on it).
  useEffect(() => {
    document.body.dataset['client'] = 'ready'
  }, [])
  return (
    <MizanProvider client={client} queryClient={queryClient}>
      <h2>Projects</h2>
      <ProjectList />
      <h2>
        Try a write: <code>renameProject</code>
      </h2>
      <p>
        The form calls <code>renameProject</code> through React Query's <code>useMutation</code>. Its answer invalidates{' '}
        <code>projects</code> and <code>project(&#123; id &#125;)</code>: the list and the title below refetch, in one request.
      </p>
      <RenameForm />
      <TaskPanel projectId={1} />
      <h3>Invalidations flushed in this page</h3>
      <DirectivesLog />
    </MizanProvider>
  )
}

createRoot(document.getElementById('live')!).render(<LiveDemo />)
