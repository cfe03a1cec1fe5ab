import { execFileSync } from 'node:child_process'

export interface CpuPinning {
  /** What a server process is started through: `['taskset', '-c', '1']`, or nothing when not pinned. */
  readonly serverPrefix: readonly string[]
  /** How the run was pinned, for the report. */
  readonly description: string
  /** Gives the bench process its CPUs back. */
  release(): void
}

/**
 * Pins this process (the load generator: autocannon runs in it) to its first allowed CPU and
 * the servers it starts to the others, so the load generator never takes the server's CPU.
 * Where `taskset` is missing or there is one CPU, nothing is pinned and one line says so.
 */
export function pinCpus(log: (line: string) => void): CpuPinning {
  const unpinned = (why: string): CpuPinning => {
    log(`not pinning CPUs: ${why}`)
    return { serverPrefix: [], description: `not pinned (${why})`, release: () => {} }
  }
  const pid = String(process.pid)
  let allowed: number[]
  try {
    // "pid 123's current affinity list: 0-3,6"
    allowed = cpuList(execFileSync('taskset', ['-cp', pid], { encoding: 'utf8' }).split(':').at(-1)!.trim())
  } catch {
    return unpinned('taskset is not available')
  }
  if (allowed.length < 2) return unpinned('only one CPU is allowed')
  const [loadCpu, ...serverCpus] = allowed
  const all = allowed.join(',')
  try {
    execFileSync('taskset', ['-a', '-cp', String(loadCpu), pid], { stdio: 'ignore' })
  } catch {
    return unpinned('taskset could not set the affinity')
  }
  const server = serverCpus.join(',')
  return {
    serverPrefix: ['taskset', '-c', server],
    description: `load generator on CPU ${loadCpu}, server on CPU ${server} (taskset)`,
    release: () => {
      try {
        execFileSync('taskset', ['-a', '-cp', all, pid], { stdio: 'ignore' })
      } catch {}
    },
  }
}

function cpuList(text: string): number[] {
  return text.split(',').flatMap((part) => {
    const [from = 0, to = from] = part.split('-').map(Number)
    return Array.from({ length: to - from + 1 }, (_, i) => from + i)
  })
}
