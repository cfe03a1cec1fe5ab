import { spawn, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

/** Why no cluster can start here (no redis-server outside CI), or undefined when one can. */
export const redisMissing: string | undefined =
  process.env['CI'] || !spawnSync('redis-server', ['--version']).error ? undefined : 'Cluster test skipped: no redis-server (apt-get install redis-server)'

export interface RunningCluster {
  /** The two instances' origins, without a trailing slash. */
  readonly urls: readonly string[]
  stop(): Promise<void>
}

const demoDir = join(import.meta.dirname, '..', '..')

/**
 * `npm run demo:cluster` as a user runs it (its own redis-server, two instance processes), on
 * free ports and a database file of the test's own; resolves with the two URLs it prints.
 */
export function startCluster(databaseFile: string): Promise<RunningCluster> {
  const child = spawn(process.execPath, ['--conditions=@mizan/source', '--import', 'tsx', join(demoDir, 'src', 'cluster.ts')], {
    cwd: demoDir,
    env: { ...process.env, TSX_TSCONFIG_PATH: join(demoDir, 'tsconfig.run.json'), PORT: '0', MIZAN_DEMO_DB: databaseFile, REDIS_URL: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
    // Its own process group: if it ever fails to stop, the test ends the whole group.
    detached: true,
  })
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    if (child.exitCode !== null) return
    child.kill('SIGTERM')
    const stopped = await Promise.race([gone.then(() => true), new Promise<false>((resolve) => setTimeout(resolve, 10_000, false))])
    if (!stopped) process.kill(-child.pid!, 'SIGKILL')
  }
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the cluster exited with code ${code} before it was ready`)))
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const ready = /cluster ready: (\S+) and (\S+) share/.exec(line)
      if (ready) resolve({ urls: [ready[1]!, ready[2]!].map((url) => url.replace(/\/$/, '')), stop })
    })
  })
}
