import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { Variant, Wire } from './handlers.ts'

const require = createRequire(import.meta.url)
const tsxCli = require.resolve('tsx/cli')

export interface BenchServer {
  readonly origin: string
  stop(): Promise<void>
}

/** Starts a fresh server process (NODE_ENV=production) on a free loopback port. */
export function startBenchServer(variant: Variant, wire: Wire): Promise<BenchServer> {
  // Mizan from its source (the JavaScript tsx runs is what tsc emits), so no build is needed first.
  const args = [tsxCli, '--conditions=@mizan/source', join(import.meta.dirname, 'server-main.ts'), variant, wire]
  const child: ChildProcess = spawn(process.execPath, args, {
    env: { ...process.env, NODE_ENV: 'production' },
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
