import { useState } from 'react'
import { FieldError, FormError } from './field-error.tsx'
import { mizan } from './demo-mizan.ts'

/** Adds a task: this project's detail and the open counts of the list refetch. */
export function AddTaskForm({ projectId }: { readonly projectId: number }) {
  const [title, setTitle] = useState('')
  const addTask = mizan.addTask.useMutation({ onSuccess: () => setTitle('') })
  return (
    <form
      id="add-task-form"
      className="add-task"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        addTask.mutate({ projectId, title })
      }}
    >
      <div className="field">
        <input
          id="task-title"
          name="title"
          placeholder="Add a task…"
          aria-label="Task title"
          value={title}
          aria-invalid={addTask.error?.issues ? true : undefined}
          aria-describedby="task-title-error"
          onChange={(event) => setTitle(event.target.value)}
        />
        <FieldError error={addTask.error} field="title" id="task-title-error" />
        <FormError error={addTask.error} />
      </div>
      <button type="submit" id="add-task-submit" disabled={addTask.isPending}>
        {addTask.isPending ? 'Adding…' : 'Add task'}
      </button>
    </form>
  )
}
