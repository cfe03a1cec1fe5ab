import { useQuery } from '@tanstack/react-query'
import { AddTaskForm } from './add-task-form.tsx'
import { mizan } from './demo-mizan.ts'
import { RenameProjectForm } from './rename-project-form.tsx'
import { TaskItem } from './task-item.tsx'

/** One project with its tasks: the public `project({ id })` context. */
export function ProjectView({ projectId }: { readonly projectId: number }) {
  const { data: project, error } = useQuery(mizan.project.queryOptions({ id: projectId }))
  const { data: projects = [] } = useQuery(mizan.projects.queryOptions())
  if (error) return <p className="form-error">{error.message}</p>
  if (!project) return <p className="muted">Loading…</p>
  const open = project.tasks.filter((task) => !task.done).length
  return (
    <section aria-labelledby="project-title" id="project" data-project={project.id}>
      <RenameProjectForm id={project.id} name={project.name} />
      <p className="muted">
        {open} open, {project.tasks.length - open} done
      </p>
      <ul id="tasks" className="plain tasks">
        {project.tasks.map((task) => (
          <TaskItem key={task.id} task={task} projectId={project.id} projects={projects} />
        ))}
      </ul>
      <AddTaskForm projectId={project.id} />
    </section>
  )
}
