import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import superjson from 'superjson'
import { csrfHeader, mutationIdHeader, sessionRoute } from '../../src/protocol/index.ts'
import { listen, read } from '../events/events-app.ts'
import { fromWire } from '../fixtures/from-wire.ts'
import { waitFor } from '../fixtures/wait-for.ts'

const redisPort = inject('redisPort')
const packageDir = join(import.meta.dirname, '..', '..')
const fixture = join(import.meta.dirname, 'fixtures', 'two-instance-server.ts')
const csrfSecret = randomBytes(32).toString('base64')

interface Instance {
  readonly base: string
  readonly process: ChildProcess
  /** What it wrote to stderr, for failure messages. */
  readonly stderr: string[]
  /** Exit code and signal, once it has exited. */
  exited: { code: number | null; signal: NodeJS.Signals | null } | undefined
}

/** Starts the fixture server as its own Node process, from source, and waits for its port. */
function startInstance(name: string, prefix: string): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@mizan/source', fixture, name, String(redisPort), prefix], {
    cwd: packageDir,
    env: { ...process.env, NODE_ENV: 'production', MIZAN_CSRF_SECRET: csrfSecret },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const stderr: string[] = []
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`instance ${name} did not start in 30 s: ${stderr.join('')}`)), 30_000)
    child.once('exit', (code) => reject(new Error(`instance ${name} exited with ${code} at start: ${stderr.join('')}`)))
    child.stdout!.on('data', (chunk: Buffer) => {
      const port = /READY (\d+)/.exec(chunk.toString())?.[1]
      if (!port) return
      clearTimeout(timer)
      child.removeAllListeners('exit')
      const instance: Instance = { base: `http://127.0.0.1:${port}`, process: child, stderr, exited: undefined }
      child.once('exit', (code, signal) => (instance.exited = { code, signal }))
      resolve(instance)
    })
  })
}

/** SIGTERM, then SIGKILL if it has not exited within `graceMs`; resolves once it is gone. */
async function stop(instance: Instance | undefined, graceMs = 5000): Promise<void> {
  if (!instance || instance.exited) return
  const gone = new Promise((resolve) => instance.process.once('exit', resolve))
  instance.process.kill('SIGTERM')
  const killer = setTimeout(() => instance.process.kill('SIGKILL'), graceMs)
  await gone
  clearTimeout(killer)
}

/** A browser's session as the Mizan client keeps it: the CSRF token and the cookie set with it. */
async function session(base: string) {
  const response = await fetch(`${base}/mizan${sessionRoute}`)
  const { token } = (await response.json()) as { token: string }
  return { token, cookie: response.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ') }
}

/** A mutation over HTTP with a session's token and cookie, under a chosen mutation id. */
async function write(base: string, path: string, input: unknown, auth: { token: string; cookie: string }, mutationId: string) {
  const response = await fetch(`${base}/mizan/m/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [csrfHeader]: auth.token, cookie: auth.cookie, [mutationIdHeader]: mutationId },
    body: JSON.stringify(superjson.serialize(input)),
  })
  const answer = (await response.json()) as { invalidate: never }
  return { status: response.status, directives: fromWire(answer.invalidate) }
}

describe.skipIf(redisPort === null)('two server processes sharing one redis-server', () => {
  let a: Instance | undefined
  let b: Instance | undefined

  beforeAll(async () => {
    const prefix = `two-${randomUUID()}:`
    ;[a, b] = await Promise.all([startInstance('A', prefix), startInstance('B', prefix)])
  }, 60_000)
  afterAll(() => Promise.all([stop(a), stop(b)]), 15_000)

  it('a write on A purges what B cached, and an SSE client connected to B receives its directive', async () => {
    const cached = await read(b!.base, 'board', { id: 1 })
    expect(cached).toEqual({ title: 'Board 1', computedBy: 'B', computed: 1 })
    expect(await read(b!.base, 'board', { id: 1 })).toEqual(cached) // B serves its cached copy
    expect(await read(a!.base, 'board', { id: 1 })).toEqual(cached) // and A the shared one

    const events = listen(`${b!.base}/mizan/events`)
    try {
      await events.opened
      const mutationId = randomUUID()
      // The page came from B: its token, signed with the secret every instance shares, is good on A.
      const written = await write(a!.base, 'renameBoard', { id: 1, title: 'Renamed' }, await session(b!.base), mutationId)
      expect(written.status).toBe(200)
      expect(await read(b!.base, 'board', { id: 1 })).toMatchObject({ title: 'Renamed', computedBy: 'B', computed: 2 })
      await waitFor(() => events.notices.length > 0)
      expect(events.notices).toEqual([{ eventId: expect.any(String), id: mutationId, directives: [{ kind: 'exact', context: 'board', params: { id: 1 } }] }])
      expect(events.notices[0]!.directives).toEqual(written.directives)
    } finally {
      events.close()
    }
  })

  it('each process exits by itself on SIGTERM once m.close() and the app have closed what they opened', async () => {
    await Promise.all([stop(a, 10_000), stop(b, 10_000)])
    expect([a!.exited, b!.exited]).toEqual([
      { code: 0, signal: null },
      { code: 0, signal: null },
    ])
  }, 15_000)
})
