import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemo } from './e2e/start-demo.ts'
import type { RunningDemo } from './e2e/start-demo.ts'

let demo: RunningDemo
beforeAll(async () => {
  demo = await startDemo()
})
afterAll(() => demo.close())

/** The page as a browser of `user` gets it: the token of its forms' hidden field, and the cookies. */
async function loadPage(user = 1) {
  const response = await fetch(`${demo.base}/projects/1`, { headers: { cookie: `mizan-demo-user=${user}` } })
  const token = /<input type="hidden" name="_csrf" value="([^"]+)">/.exec(await response.text())?.[1]
  const csrfCookie = response.headers.get('set-cookie')!.split(';', 1)[0]!
  return { token: token!, cookie: `${csrfCookie}; mizan-demo-user=${user}` }
}

/** A plain form posted from the demo's own page, with its hidden CSRF field and the cookies. */
async function post(path: string, body: string, user = 1) {
  const { token, cookie } = await loadPage(user)
  return fetch(`${demo.base}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, origin: demo.base, referer: `${demo.base}/projects/1` },
    body: `_csrf=${encodeURIComponent(token)}&${body}`,
  })
}

describe('demo pages', () => {
  it("renders the signed-in user's board on the server, and 404 for no such project", async () => {
    const grace = await (await fetch(`${demo.base}/projects/3`, { headers: { cookie: 'mizan-demo-user=2' } })).text()
    expect(grace).toContain('Grace Hopper')
    expect(grace).toContain('<h1 id="project-title">Billing v2</h1>')
    expect(grace).not.toContain('Ada Lovelace</span>')
    expect((await fetch(`${demo.base}/projects/99`)).status).toBe(404)
  })

  it("keeps each user's user-scoped contexts their own, through the result cache", async () => {
    const starred = async (user: number) => {
      const response = await fetch(`${demo.base}/mizan/q?items=${encodeURIComponent('[["starred"]]')}`, { headers: { cookie: `mizan-demo-user=${user}` } })
      return ((await response.json()) as Array<{ data: { json: number[] } }>)[0]!.data.json
    }
    expect(await starred(1)).toEqual([1])
    expect(await starred(2)).toEqual([3])
    expect(await starred(1)).toEqual([1])
  })
})

describe('the plain "new project" form (a view-path write)', () => {
  it('creates the project, says what it invalidated in the header, and redirects to it', async () => {
    const response = await post('/projects', 'name=Launch+%3Cparty%3E')
    expect(response.status).toBe(303)
    const id = demo.db.projects().find((project) => project.name === 'Launch <party>')?.id
    expect(response.headers.get('location')).toBe(`/projects/${id}`)
    // The header holds the write's directives in their wire form: a plain JSON list.
    const notice = JSON.parse(Buffer.from(response.headers.get('mizan-invalidate')!, 'base64url').toString()) as { invalidate: unknown }
    expect(notice.invalidate).toEqual([{ kind: 'whole', context: 'projects' }])
    expect(await (await fetch(`${demo.base}${response.headers.get('location')}`)).text()).toContain('Launch &lt;party&gt;</h1>')
  })

  it('sends a refused name back to the form with its message, creating nothing', async () => {
    const before = demo.db.projects().length
    const response = await post('/projects', 'name=%20')
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/projects/1?newProjectError=A%20project%20needs%20a%20name')
    expect(demo.db.projects()).toHaveLength(before)
  })

  it("refuses another site's post, or one without the token: 403, nothing created", async () => {
    const before = demo.db.projects().length
    const crossSite = await fetch(`${demo.base}/projects`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      body: 'name=Hijacked',
    })
    expect(crossSite.status).toBe(403)
    const untokened = await fetch(`${demo.base}/projects`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=Hijacked' })
    expect(untokened.status).toBe(403)
    expect(demo.db.projects()).toHaveLength(before)
  })
})

describe('switching the demo user', () => {
  it('sets the cookie and goes back to the board, now rendered for that user', async () => {
    const response = await post('/session/user', 'userId=3&back=%2Fprojects%2F4')
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/projects/4')
    const cookie = response.headers.get('set-cookie')!.split(';', 1)[0]!
    expect(cookie).toBe('mizan-demo-user=3')
    expect(await (await fetch(`${demo.base}/projects/4`, { headers: { cookie } })).text()).toContain('Alan Turing')
  })
})
