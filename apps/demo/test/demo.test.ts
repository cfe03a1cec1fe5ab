import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDb } from '../src/db.ts'
import { createDemoApp } from '../src/server.ts'

let server: Server
let base: string
const db = openDb(':memory:')

beforeAll(async () => {
  server = createDemoApp(db).listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  db.close()
})

const rename = (body: string) =>
  fetch(`${base}/try/rename`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body })

describe('demo app', () => {
  it('lists the router procedures and its data', async () => {
    const response = await fetch(`${base}/`)
    expect(response.status).toBe(200)
    const html = await response.text()
    for (const path of ['projects', 'project', 'tasks', 'renameProject', 'addTask']) expect(html).toContain(`<code>${path}</code>`)
    expect(html).toContain('Website relaunch')
  })

  it('runs a write and shows the directives it answered with', async () => {
    const response = await rename('id=2&name=App+%3Cbeta%3E')
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('&quot;context&quot;: &quot;projects&quot;')
    expect(html).toContain('&quot;kind&quot;: &quot;exact&quot;')
    expect(html).toContain('#2 App &lt;beta&gt;')
  })

  it('answers bad input with its status and message, keeping what was typed', async () => {
    const empty = await rename('id=1&name=%20%20')
    expect(empty.status).toBe(400)
    expect(await empty.text()).toContain('name: A name cannot be empty')
    const missing = await rename('id=99&name=Ghost')
    expect(missing.status).toBe(404)
    const html = await missing.text()
    expect(html).toContain('There is no project 99')
    expect(html).toContain('value="Ghost"')
  })
})

describe('demo wire endpoint', () => {
  it('serves the router at /mizan, answering a bundle of reads', async () => {
    const html = await (await fetch(`${base}/`)).text()
    const href = /id="bundle-link" href="([^"]+)"/.exec(html)?.[1]
    expect(href).toBeDefined()
    const response = await fetch(`${base}${href!.replaceAll('&amp;', '&')}`)
    expect(response.status).toBe(200)
    const answers = (await response.json()) as Array<{ data: { json: unknown } }>
    expect(answers).toHaveLength(2)
    expect(answers[1]!.data.json).toEqual({ id: 1, name: expect.any(String) })
  })
})
