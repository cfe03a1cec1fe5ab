import { CsrfField } from './csrf-field.tsx'
import type { PageProps } from './page-props.ts'

/**
 * A plain HTML form, no React Query: the server route writes, then `mizan.invalidate` purges the
 * cache and tells every open page over the event stream, and the browser follows the redirect.
 * It works with scripts off too.
 */
export function NewProjectForm({ page }: { readonly page: PageProps }) {
  return (
    <form method="post" action="/projects" id="new-project-form" className="new-project" noValidate>
      <CsrfField html={page.csrfField} />
      <label htmlFor="new-project-name">New project</label>
      <div className="inline">
        <input id="new-project-name" name="name" placeholder="Name" aria-describedby="new-project-error" />
        <button type="submit">Create</button>
      </div>
      {page.newProjectError && (
        <p className="field-error" id="new-project-error" role="alert">
          {page.newProjectError}
        </p>
      )}
    </form>
  )
}
