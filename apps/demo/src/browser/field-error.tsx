import type { MizanClientError } from '@mizan/client'

/**
 * The server's validation message for one field, shown next to it; other failures (a lost
 * connection, a missing project) are shown for the whole form by `FormError`.
 */
export function FieldError({ error, field, id }: { readonly error: MizanClientError | null; readonly field: string; readonly id: string }) {
  const issue = error?.issues?.find((candidate) => candidate.path[0] === field)
  if (!issue) return null
  return (
    <p className="field-error" id={id} role="alert">
      {issue.message}
    </p>
  )
}

/** A failure that no field explains. */
export function FormError({ error }: { readonly error: MizanClientError | null }) {
  if (!error || error.issues?.length) return null
  return (
    <p className="form-error" role="alert">
      {error.code === 'NETWORK' ? 'Could not reach the server. Try again.' : error.message}
    </p>
  )
}
