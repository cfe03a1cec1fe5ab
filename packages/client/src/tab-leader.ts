/**
 * Runs `lead` in one tab of the browser at a time, for the Web Lock `name`: the other tabs wait
 * for the lock, and when its holder closes (or its tab goes) the next one leads. `lead` learns
 * whether it takes over from another tab, and returns what ends its leading. `follow` is called
 * when another tab leads first. Without `locks` (Node, old browsers) `lead` runs at once, in
 * every client. Returns the stop: the lock is released, or no longer waited for.
 */
export function electLeader(locks: LockManager | undefined, name: string, lead: (takesOver: boolean) => () => void, follow: () => void): () => void {
  if (!locks) return lead(false)
  const controller = new AbortController()
  let stopLeading: (() => void) | undefined
  let release: (() => void) | undefined
  // Resolving the promise a lock's callback returned releases the lock.
  const hold = (takesOver: boolean) =>
    new Promise<void>((resolve) => {
      if (controller.signal.aborted) return resolve()
      stopLeading = lead(takesOver)
      release = resolve
    })
  locks
    .request(name, { ifAvailable: true }, (lock) => {
      if (lock) return hold(false)
      if (controller.signal.aborted) return undefined
      // Not granted, so nothing is held while this waits for the lock in turn.
      follow()
      return locks.request(name, { signal: controller.signal }, () => hold(true))
    })
    // The abort of a stop while waiting.
    .catch(() => {})
  return () => {
    controller.abort()
    stopLeading?.()
    release?.()
  }
}
