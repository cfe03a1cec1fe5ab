import type { ProjectSummary, TaskRow } from '../db/rows.ts'
import { mizan } from './demo-mizan.ts'

interface TaskItemProps {
  readonly task: TaskRow
  readonly projectId: number
  /** The projects a task can move to. */
  readonly projects: readonly ProjectSummary[]
}

/**
 * One task: completing it refetches this project and the list's counts; moving it refetches
 * both projects it touches (two scoped invalidations of one context, in one write).
 */
export function TaskItem({ task, projectId, projects }: TaskItemProps) {
  const complete = mizan.completeTask.useMutation()
  const move = mizan.moveTask.useMutation()
  const pending = complete.isPending || move.isPending
  return (
    <li className={task.done ? 'task done' : 'task'} data-task={task.id} aria-busy={pending || undefined}>
      <label>
        <input
          type="checkbox"
          checked={complete.isPending ? !task.done : task.done}
          disabled={pending}
          onChange={() => complete.mutate({ id: task.id, done: !task.done })}
        />
        <span>{task.title}</span>
      </label>
      <select
        aria-label={`Move “${task.title}” to another project`}
        value=""
        disabled={pending}
        onChange={(event) => move.mutate({ id: task.id, projectId: Number(event.target.value) })}
      >
        <option value="" disabled>
          {move.isPending ? 'Moving…' : 'Move to…'}
        </option>
        {projects
          .filter((project) => project.id !== projectId)
          .map((project) => (
            <option key={project.id} value={project.id}>
              {project.name}
            </option>
          ))}
      </select>
    </li>
  )
}
