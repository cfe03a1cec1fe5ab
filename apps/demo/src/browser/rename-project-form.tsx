import { useState } from 'react'
import type { FormEvent } from 'react'
import { FieldError, FormError } from './field-error.tsx'
import { mizan } from './demo-mizan.ts'

/**
 * The project's title, and a form to rename it. The write invalidates `projects` and this
 * `project`: the sidebar and the title refetch, in one request, and every other open page
 * showing this project hears of it over the event stream.
 */
export function RenameProjectForm({ id, name }: { readonly id: number; readonly name: string }) {
  const [editing, setEditing] = useState(false)
  const [draft, setDraft] = useState(name)
  const rename = mizan.renameProject.useMutation({ onSuccess: () => setEditing(false) })
  if (!editing) {
    return (
      <div className="title-row">
        <h1 id="project-title">{name}</h1>
        <button
          type="button"
          id="rename-toggle"
          className="secondary"
          onClick={() => {
            setDraft(name)
            rename.reset()
            setEditing(true)
          }}
        >
          Rename
        </button>
      </div>
    )
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    rename.mutate({ id, name: draft })
  }
  return (
    <form className="title-row" id="rename-form" onSubmit={submit} noValidate>
      <div className="field">
        <input
          id="rename-name"
          name="name"
          aria-label="Project name"
          value={draft}
          autoFocus
          aria-invalid={rename.error?.issues ? true : undefined}
          aria-describedby="rename-name-error"
          onChange={(event) => setDraft(event.target.value)}
        />
        <FieldError error={rename.error} field="name" id="rename-name-error" />
        <FormError error={rename.error} />
      </div>
      <button type="submit" id="rename-submit" disabled={rename.isPending}>
        {rename.isPending ? 'Saving…' : 'Save'}
      </button>
      <button type="button" className="secondary" onClick={() => setEditing(false)} disabled={rename.isPending}>
        Cancel
      </button>
    </form>
  )
}
