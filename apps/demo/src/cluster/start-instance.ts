import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

export interface Instance {
  readonly url: string
  readonly process: ChildProcess
  stop(): Promise<void>
}

const demoDir = join(import.meta.dirname, '..', '..')

/**
 * Starts one app instance as its own Node process (`src/main.ts`, as `npm run demo` runs it),
 * with `env` on top of this one's, and resolves with the URL it prints. Its output is passed
 * through with `label` in front.
 */
export function startInstance(label: string, env: Record<string, string>): Promise<Instance> {
  const child = spawn(process.execPath, ['--conditions=@mizan/source', '--import', 'tsx', join(demoDir, 'src', 'main.ts')], {
    cwd: demoDir,
    env: { ...process.env, TSX_TSCONFIG_PATH: join(demoDir, 'tsconfig.run.json'), ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${label} exited with code ${code} before it was ready`)))
    createInterface({ input: child.stdout! }).on('line', (line) => {
      console.log(`${label} ${line}`)
      const url = /running at (\S+)/.exec(line)?.[1]
      if (url) {
        resolve({
          url,
          process: child,
          stop: async () => {
            if (child.exitCode === null) child.kill('SIGTERM')
            await gone
          },
        })
      }
    })
  })
}
