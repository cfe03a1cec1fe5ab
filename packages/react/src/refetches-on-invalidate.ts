import type { Query } from '@tanstack/react-query'

/** Whether invalidating refetches the query, as `invalidateQueries` decides: active, enabled, not static. */
export function refetchesOnInvalidate(query: Query): boolean {
  return query.isActive() && !query.isDisabled() && !query.isStatic()
}
