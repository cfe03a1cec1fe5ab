import { spawn, spawnSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { createConnection, createServer } from 'node:net'

/** A real `redis-server` child process on a loopback port, without persistence. */
export interface RedisServer {
  readonly port: number
  readonly process: ChildProcess
  /** Sends SIGSTOP: the server keeps its sockets and data but answers nothing. */
  pause(): void
  /** Sends SIGCONT. */
  resume(): void
  stop(): Promise<void>
}

/** Why no redis-server can be started here, or undefined when one can. */
export function redisServerMissing(): string | undefined {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' })
  return probe.error ? `redis-server not found (${probe.error.message}); install the redis-server package` : undefined
}

export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** Starts `redis-server` (on `port`, or a free one) and resolves once it answers PING. */
export async function startRedisServer(port?: number): Promise<RedisServer> {
  const chosen = port ?? (await freePort())
  const child = spawn('redis-server', ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'ignore', 'pipe'] })
  let exited = false
  child.once('exit', () => (exited = true))
  const started = Date.now()
  while (!(await answersPing(chosen))) {
    if (exited) throw new Error(`redis-server exited at start on port ${chosen}`)
    if (Date.now() - started > 10_000) throw new Error(`redis-server did not answer PING on port ${chosen}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return {
    port: chosen,
    process: child,
    pause: () => child.kill('SIGSTOP'),
    resume: () => child.kill('SIGCONT'),
    stop: async () => {
      if (exited) return
      const gone = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGCONT')
      child.kill('SIGTERM')
      await gone
    },
  }
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
