/** A set of the last ids added: the oldest ones go once it holds `max`. */
export interface RecentIds {
  add(id: string): void
  has(id: string): boolean
  delete(id: string): void
}

/**
 * Bounded by count rather than time, so it needs no timer: a tab's own writes, or the notices it
 * applied, are looked up only until their echo arrives, seconds later at most.
 */
export function createRecentIds(max = 256): RecentIds {
  const ids = new Set<string>()
  return {
    add(id) {
      ids.delete(id)
      ids.add(id)
      // A Set iterates in insertion order: its first id is the oldest.
      if (ids.size > max) ids.delete(ids.values().next().value!)
    },
    has: (id) => ids.has(id),
    delete: (id) => void ids.delete(id),
  }
}
