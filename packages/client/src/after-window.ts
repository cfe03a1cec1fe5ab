/**
 * Runs `run` once a collection window closes: `windowMs` later, or in a microtask when it is 0
 * or unset (which covers one React commit). Reads and write answers are both collected this way.
 */
export function afterWindow(windowMs: number | undefined, run: () => void): void {
  if (windowMs && windowMs > 0) setTimeout(run, windowMs)
  else queueMicrotask(run)
}
