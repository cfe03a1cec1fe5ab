import { useQuery } from '@tanstack/react-query'
import { CsrfField } from './csrf-field.tsx'
import { mizan } from './demo-mizan.ts'
import type { PageProps } from './page-props.ts'

/**
 * The signed-in user (the user-scoped `me` context) and a plain form to act as someone else:
 * a demo cookie, no real sign-in. Switching reloads the page: the new user's data is rendered
 * on the server, and their own event stream opens.
 */
export function UserMenu({ page }: { readonly page: PageProps }) {
  const { data: me } = useQuery(mizan.me.queryOptions())
  return (
    <form className="user-menu" method="post" action="/session/user">
      <CsrfField html={page.csrfField} />
      <input type="hidden" name="back" value={`/projects/${page.projectId}`} />
      {me && (
        <span className="me" id="me">
          <span className="avatar" style={{ background: me.color }} aria-hidden>
            {initials(me.name)}
          </span>
          {me.name}
        </span>
      )}
      <span className="switch">
        Act as
        {page.users
          .filter((user) => user.id !== page.userId)
          .map((user) => (
            <button key={user.id} type="submit" name="userId" value={user.id} className="link">
              {user.name.split(' ')[0]}
            </button>
          ))}
      </span>
    </form>
  )
}

function initials(name: string): string {
  return name
    .split(' ')
    .map((part) => part[0])
    .join('')
}
