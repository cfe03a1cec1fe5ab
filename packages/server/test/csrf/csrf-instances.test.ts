import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sessionAt } from '../fixtures/session.ts'
import type { TestSession } from '../fixtures/session.ts'

// Acceptance 4 of issue 13: instances of one app, each its own Node process, accept each other's
// tokens when they share the secret (a load balancer may send the page's session request to one
// and its write to another), and an instance with another secret does not.

const packageDir = join(import.meta.dirname, '..', '..')
const fixture = join(import.meta.dirname, 'fixtures', 'csrf-instance.ts')
const shared = 'one secret for every instance, 32+ bytes long'

interface Instance {
  readonly base: string
  readonly process: ChildProcess
}

function startInstance(secret: string | undefined): Promise<Instance> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' }
  if (secret === undefined) delete env['MIZAN_CSRF_SECRET']
  else env['MIZAN_CSRF_SECRET'] = secret
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@mizan/source', fixture], { cwd: packageDir, env, stdio: ['ignore', 'pipe', 'pipe'] })
  const stderr: string[] = []
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the instance did not start in 30 s: ${stderr.join('')}`)), 30_000)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`the instance exited with ${code} at start: ${stderr.join('')}`))
    })
    child.stdout!.on('data', (chunk: Buffer) => {
      const port = /READY (\d+)/.exec(chunk.toString())?.[1]
      if (!port) return
      clearTimeout(timer)
      child.removeAllListeners('exit')
      resolve({ base: `http://127.0.0.1:${port}/mizan`, process: child })
    })
  })
}

async function stop(instance: Instance | undefined): Promise<void> {
  if (!instance || instance.process.exitCode !== null) return
  const gone = new Promise((resolve) => instance.process.once('exit', resolve))
  instance.process.kill('SIGTERM')
  const killer = setTimeout(() => instance.process.kill('SIGKILL'), 5000)
  await gone
  clearTimeout(killer)
}

function rename(base: string, session: TestSession, name: string) {
  return fetch(`${base}/m/rename`, { method: 'POST', headers: { 'content-type': 'application/json', ...session.headers }, body: JSON.stringify({ name }) })
}

describe('CSRF tokens across server processes', () => {
  let a: Instance | undefined
  let b: Instance | undefined
  let other: Instance | undefined

  beforeAll(async () => {
    ;[a, b, other] = await Promise.all([startInstance(shared), startInstance(shared), startInstance('another secret, also 32+ bytes long')])
  }, 60_000)
  afterAll(() => Promise.all([stop(a), stop(b), stop(other)]), 15_000)

  it('accept each other’s tokens when they share the secret, and refuse them with another one', async () => {
    const fromA = await sessionAt(a!.base)
    expect((await rename(b!.base, fromA, 'via B')).status).toBe(200)
    expect((await rename(a!.base, fromA, 'via A')).status).toBe(200)
    // B keeps the token of A's cookie rather than issuing one of its own.
    const again = await fetch(`${b!.base}/session`, { headers: { cookie: fromA.cookie } })
    expect(await again.json()).toEqual({ token: fromA.token })

    const refused = await rename(other!.base, fromA, 'via another deployment')
    expect(refused.status).toBe(403)
    expect(await refused.json()).toMatchObject({ error: { code: 'CSRF', message: expect.stringMatching(/^The CSRF token is not valid/) } })
  })

  it('refuse to start in production without a secret', async () => {
    await expect(startInstance(undefined)).rejects.toThrow(/exited with 1 at start: .*The CSRF check needs a secret in production/s)
  }, 30_000)
})
