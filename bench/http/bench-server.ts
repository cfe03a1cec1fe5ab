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

/**
 * Starts a fresh server process (NODE_ENV=production) on a free loopback port. Mizan comes from
 * its built `dist/` as users install it, or from its source where no build is wanted (the smoke test).
 */
export function startBenchServer(variant: Variant, wire: Wire, mizanFrom: 'dist' | 'source' = 'dist'): Promise<BenchServer> {
  const conditions = mizanFrom === 'source' ? ['--conditions=@mizan/source'] : []
  const args = [tsxCli, ...conditions, join(import.meta.dirname, 'server-main.ts'), variant, wire]
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
