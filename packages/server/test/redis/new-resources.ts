import { waitFor } from '../fixtures/wait-for.ts'

const counted = () => process.getActiveResourcesInfo().reduce<Record<string, number>>((all, name) => ({ ...all, [name]: (all[name] ?? 0) + 1 }), {})

/**
 * Waits until the test process holds no socket and no timer (the runner's start-up timer and
 * earlier sockets are gone, so they cannot hide a leak), then returns a function listing the
 * active resources opened since, by type: `[]` when everything opened has ended.
 */
export async function newResources(): Promise<() => string[]> {
  await waitFor(() => !counted()['TCPSocketWrap'] && !counted()['Timeout'])
  const before = counted()
  return () => Object.entries(counted()).flatMap(([name, count]) => Array.from({ length: count - (before[name] ?? 0) }, () => name))
}
