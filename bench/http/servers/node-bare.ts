import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import type { Wire } from '../handlers.ts'
import { rawWork } from './raw-work.ts'
import type { Outcome } from './raw-work.ts'

const maxBodyBytes = 1024 * 1024

/**
 * The floor of a Node server: `node:http` alone doing the same work (`rawWork`), with what any
 * server must still do (route, check the body's type and size, set the length). Nothing else.
 */
export function createBareNodeListener(wire: Wire): RequestListener {
  const work = rawWork(wire)
  return (req, res) => {
    const url = req.url ?? '/'
    const queryStart = url.indexOf('?')
    const path = queryStart === -1 ? url : url.slice(0, queryStart)
    if (req.method === 'GET' && path === '/api/projects') return send(res, work.projects())
    if (req.method === 'GET' && path === '/api/dashboard') {
      const items = new URLSearchParams(queryStart === -1 ? '' : url.slice(queryStart + 1)).get('items')
      return send(res, work.bundle(items ?? undefined))
    }
    if (req.method === 'POST' && path === '/api/renameProject') {
      const refused = work.refuse(req.headers)
      if (refused) return send(res, refused)
      if (!req.headers['content-type']?.startsWith('application/json')) return send(res, { status: 415, value: { error: 'JSON only' } })
      readJson(req).then(
        (body) => send(res, work.rename(body)),
        (error: unknown) => send(res, { status: 400, value: { error: String(error) } }),
      )
      return
    }
    send(res, { status: 404, value: { error: 'No route' } })
  }
}

function send(res: ServerResponse, { status, value }: Outcome): void {
  const body = JSON.stringify(value)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) })
  res.end(body)
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= maxBodyBytes) return void chunks.push(chunk)
      reject(new Error('Body too large'))
      req.destroy()
    })
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')))
      } catch (error) {
        reject(error)
      }
    })
    req.on('error', reject)
  })
}
