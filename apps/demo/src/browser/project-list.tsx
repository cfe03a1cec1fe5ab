import { useQuery } from '@tanstack/react-query'
import type { MouseEvent } from 'react'
import type { ProjectSummary } from '../db/rows.ts'
import { mizan } from './demo-mizan.ts'
import { StarButton } from './star-button.tsx'

interface ProjectListProps {
  readonly projectId: number
  readonly open: (projectId: number) => void
}

/** The sidebar: this user's starred projects (user-scoped), then every project (public). */
export function ProjectList({ projectId, open }: ProjectListProps) {
  const { data: projects = [] } = useQuery(mizan.projects.queryOptions())
  const { data: starredIds = [] } = useQuery(mizan.starred.queryOptions())
  const starred = projects.filter((project) => starredIds.includes(project.id))
  const link = (project: ProjectSummary) => (
    <a
      href={`/projects/${project.id}`}
      aria-current={project.id === projectId ? 'page' : undefined}
      onClick={(event: MouseEvent) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey) return
        event.preventDefault()
        open(project.id)
      }}
    >
      {project.name}
    </a>
  )
  return (
    <nav aria-label="Projects">
      <h2>Starred</h2>
      <ul id="starred" className="plain">
        {starred.length === 0 && <li className="muted">Star a project to pin it here.</li>}
        {starred.map((project) => (
          <li key={project.id} data-project={project.id}>
            {link(project)}
          </li>
        ))}
      </ul>
      <h2>All projects</h2>
      <ul id="projects" className="plain">
        {projects.map((project) => (
          <li key={project.id} data-project={project.id}>
            {link(project)}
            <span className="count" title="Open tasks">
              {project.openTasks}
            </span>
            <StarButton projectId={project.id} name={project.name} starred={starredIds.includes(project.id)} />
          </li>
        ))}
      </ul>
    </nav>
  )
}
