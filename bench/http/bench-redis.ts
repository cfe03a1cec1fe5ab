import { spawn, spawnSync } from 'node:child_process'
import { createConnection, createServer } from 'node:net'

/** The redis-server the Redis cache variant is measured against: a child process, no persistence. */
export interface BenchRedis {
  readonly port: number
  /** As `redis-server --version` gives it, e.g. `7.0.15`. */
  readonly version: string
  stop(): Promise<void>
}

/** Why no redis-server can be started here, or undefined when one can. */
export function benchRedisMissing(): string | undefined {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' })
  return probe.error ? `redis-server not found (${probe.error.message})` : undefined
}

/** Starts `redis-server` on a free loopback port and resolves once it answers PING. */
export async function startBenchRedis(): Promise<BenchRedis> {
  const version = /v=(\S+)/.exec(spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).stdout)?.[1] ?? 'unknown'
  const port = await freePort()
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
  let exited = false
  child.once('exit', () => (exited = true))
  const started = Date.now()
  while (!(await answersPing(port))) {
    if (exited || Date.now() - started > 10_000) throw new Error(`redis-server did not start on port ${port}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return {
    port,
    version,
    stop: async () => {
      if (exited) return
      const gone = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await gone
    },
  }
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' })
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(500, () => done(false))
    socket.once('error', () => done(false))
    socket.once('connect', () => socket.write('PING\r\n'))
    socket.once('data', (chunk) => done(chunk.toString().startsWith('+PONG')))
  })
}
