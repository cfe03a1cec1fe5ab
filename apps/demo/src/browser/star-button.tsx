import { mizan } from './demo-mizan.ts'

/** Stars a project for this user only: their `starred` context refetches, in every tab they have open. */
export function StarButton({ projectId, starred, name }: { readonly projectId: number; readonly starred: boolean; readonly name: string }) {
  const star = mizan.starProject.useMutation()
  return (
    <button
      type="button"
      className="star"
      aria-pressed={starred}
      aria-label={`${starred ? 'Unstar' : 'Star'} ${name}`}
      disabled={star.isPending}
      onClick={() => star.mutate({ projectId, starred: !starred })}
    >
      {starred ? '★' : '☆'}
    </button>
  )
}
