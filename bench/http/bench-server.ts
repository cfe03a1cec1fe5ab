import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { csrfSecretEnv } from './csrf-secret.ts'
import type { Variant, Wire } from './handlers.ts'

const require = createRequire(import.meta.url)
const tsxCli = require.resolve('tsx/cli')

// The CSRF secret of this run: 32 random bytes, made once per bench process and given to every
// server process it starts, as a deployment gives one secret to all its instances. A token the
// Mizan client got from the server the requests were captured on is thus valid in every fresh
// server process the load generator replays it against (and no other run's token is).
const csrfSecret = randomBytes(32).toString('base64url')

export interface BenchServer {
  readonly origin: string
  stop(): Promise<void>
}

export interface BenchServerOptions {
  /** Mizan from its built `dist/` as users install it (default), or from its source where no build is wanted (the smoke test). */
  readonly mizanFrom?: 'dist' | 'source'
  /** The redis-server the `mizan-cached-redis` variant uses. */
  readonly redisPort?: number | undefined
  /** What the server is started through, to pin it to its CPUs (see `pinCpus`): `['taskset', '-c', '1']`. */
  readonly prefix?: readonly string[] | undefined
}

/** Starts a fresh server process (NODE_ENV=production, the run's CSRF secret) on a free loopback port. */
export function startBenchServer(variant: Variant, wire: Wire, options: BenchServerOptions = {}): Promise<BenchServer> {
  const conditions = options.mizanFrom === 'source' ? ['--conditions=@mizan/source'] : []
  const redis = options.redisPort === undefined ? [] : [String(options.redisPort)]
  const args = [tsxCli, ...conditions, join(import.meta.dirname, 'server-main.ts'), variant, wire, ...redis]
  const [command = process.execPath, ...prefixArgs] = [...(options.prefix ?? []), process.execPath]
  const child: ChildProcess = spawn(command, [...prefixArgs, ...args], {
    env: { ...process.env, NODE_ENV: 'production', [csrfSecretEnv]: csrfSecret },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${variant} server did not start`)), 30_000)
    child.once('exit', (code) => reject(new Error(`${variant} server exited with ${code}`)))
    child.stdout!.on('data', (data: Buffer) => {
      const port = /READY (\d+)/.exec(data.toString())?.[1]
      if (!port) return
      clearTimeout(timer)
      resolve({
        origin: `http://127.0.0.1:${port}`,
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners('exit')
            child.once('exit', () => done())
            child.kill('SIGTERM')
            setTimeout(() => child.kill('SIGKILL'), 3000).unref()
          }),
      })
    })
  })
}
