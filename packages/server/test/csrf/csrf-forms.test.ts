import { describe, expect, it } from 'vitest'
import { csrfHeader } from '../../src/protocol/index.ts'
import { expressFormsApp, fetchFormsApp, formsApps, openFormsPerTest } from './forms-app.ts'
import type { FormsApp } from './forms-app.ts'

// Acceptance 4 of issue 13 for the app's own routes (the view path): the same check guards
// form posts, urlencoded and multipart (the holes tRPC left open), and a page rendered without
// JavaScript gets its token from a hidden field.

const open = openFormsPerTest()
const urlencoded = { 'content-type': 'application/x-www-form-urlencoded' }
const crossSite = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }

/** The page with the form: the token of its hidden fields, and the cookie it set. */
async function loadForm(app: FormsApp, headers: Record<string, string> = {}) {
  const response = await app.send('/form', { headers })
  const html = await response.text()
  const tokens = [...html.matchAll(/<input type="hidden" name="_csrf" value="([\w.-]+)">/g)].map((match) => match[1]!)
  return { tokens, setCookie: response.headers.get('set-cookie'), cookie: response.headers.get('set-cookie')?.split(';', 1)[0] }
}

function multipart(fields: Record<string, string>): FormData {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) form.set(name, value)
  form.set('file', new Blob(['file contents']), 'notes.txt')
  return form
}

async function refusal(response: Response, message: RegExp) {
  expect(response.status).toBe(403)
  expect(await response.json()).toEqual({ code: 'CSRF', message: expect.stringMatching(message) })
}

describe.each(formsApps)('CSRF check of form routes, %s', (_name, start) => {
  it('renders one token in every hidden field of a page, setting its cookie once, and none when the cookie holds a valid one', async () => {
    const app = await open(start)
    const page = await loadForm(app)
    expect(page.tokens).toHaveLength(2)
    expect(page.tokens[1]).toBe(page.tokens[0])
    expect(page.setCookie).toMatch(/^mizan-csrf=[\w.-]+; Path=\/; SameSite=Lax; HttpOnly$/)
    expect(page.cookie).toBe(`mizan-csrf=${page.tokens[0]}`)
    const again = await loadForm(app, { cookie: page.cookie! })
    expect(again.tokens[0]).toBe(page.tokens[0])
    expect(again.setCookie).toBeNull()
  })

  it('accepts a same-site urlencoded form with the token of its hidden field, and the route still reads the form', async () => {
    const app = await open(start)
    const { tokens, cookie } = await loadForm(app)
    const response = await app.send('/rename', {
      method: 'POST',
      headers: { ...urlencoded, cookie: cookie!, origin: app.origin, 'sec-fetch-site': 'same-origin' },
      body: new URLSearchParams({ _csrf: tokens[0]!, name: 'Renamed' }),
    })
    expect(response.status).toBe(204)
    expect(app.renamed).toEqual(['Renamed'])
  })

  it('refuses a cross-site urlencoded post, with or without a token', async () => {
    const app = await open(start)
    const { tokens, cookie } = await loadForm(app)
    const post = (body: Record<string, string>, headers: Record<string, string>) => app.send('/rename', { method: 'POST', headers: { ...urlencoded, ...headers }, body: new URLSearchParams(body) })
    await refusal(await post({ name: 'Hijacked' }, crossSite), /^Origin "https:\/\/evil\.example" may not send writes here/)
    await refusal(await post({ _csrf: tokens[0]!, name: 'Hijacked' }, { ...crossSite, cookie: cookie! }), /^Origin "https:\/\/evil\.example"/)
    await refusal(await post({ name: 'Hijacked' }, { 'sec-fetch-site': 'cross-site' }), /^A cross-site request \(Sec-Fetch-Site: cross-site\)/)
    expect(app.renamed).toEqual([])
  })

  it('refuses a cross-site multipart post', async () => {
    const app = await open(start)
    const response = await app.send('/upload', { method: 'POST', headers: crossSite, body: multipart({ name: 'Hijacked' }) })
    await refusal(response, /^Origin "https:\/\/evil\.example"/)
    expect(app.renamed).toEqual([])
  })

  it('refuses a same-site form without its token, or with a token that is not its cookie', async () => {
    const app = await open(start)
    const { tokens, cookie } = await loadForm(app)
    const other = await loadForm(app)
    const post = (body: Record<string, string>) => app.send('/rename', { method: 'POST', headers: { ...urlencoded, cookie: cookie! }, body: new URLSearchParams(body) })
    await refusal(await post({ name: 'x' }), /^No CSRF token: .*_csrf field/)
    await refusal(await post({ name: 'x', _csrf: other.tokens[0]! }), /^The CSRF token does not match the mizan-csrf cookie/)
    await refusal(await post({ name: 'x', _csrf: tokens[0]!.slice(1) }), /^The CSRF token is not valid/)
    // A field given twice is no token.
    const twice = new URLSearchParams([['_csrf', tokens[0]!], ['_csrf', tokens[0]!], ['name', 'x']])
    await refusal(await app.send('/rename', { method: 'POST', headers: { ...urlencoded, cookie: cookie! }, body: twice }), /^No CSRF token/)
    expect(app.renamed).toEqual([])
  })

  it('accepts a write with the token in the mizan-csrf header instead, multipart included', async () => {
    const app = await open(start)
    const { tokens, cookie } = await loadForm(app)
    const response = await app.send('/upload', { method: 'POST', headers: { cookie: cookie!, [csrfHeader]: tokens[0]! }, body: multipart({ name: 'Uploaded' }) })
    expect(response.status).toBe(204)
    // (Express without a multipart parser reads no field: the route ran, that is what counts.)
    expect(app.renamed).toHaveLength(1)
  })

  it('lets GET through and checks every other method', async () => {
    const app = await open(start)
    expect((await app.send('/rename')).status).not.toBe(403)
    expect((await app.send('/rename', { method: 'DELETE', headers: crossSite })).status).toBe(403)
  })

  it('checks nothing with csrf: false, and renders an empty field', async () => {
    const app = await open(start, { csrf: false })
    const page = await loadForm(app)
    expect(page.tokens).toEqual([])
    expect(page.setCookie).toBeNull()
    const response = await app.send('/rename', { method: 'POST', headers: { ...urlencoded, ...crossSite }, body: new URLSearchParams({ name: 'Open' }) })
    expect(response.status).toBe(204)
  })
})

describe('multipart form fields', () => {
  it('Fetch: reads the _csrf field of a multipart form from a clone, and the route reads the form after', async () => {
    const app = await open(fetchFormsApp)
    const { tokens, cookie } = await loadForm(app)
    const response = await app.send('/upload', { method: 'POST', headers: { cookie: cookie!, origin: app.origin }, body: multipart({ _csrf: tokens[0]!, name: 'Uploaded' }) })
    expect(response.status).toBe(204)
    expect(app.renamed).toEqual(['Uploaded'])
  })

  it('Express: without a multipart parser before the check, refuses the field with a message saying what to do', async () => {
    const app = await open(expressFormsApp)
    const { tokens, cookie } = await loadForm(app)
    const response = await app.send('/upload', { method: 'POST', headers: { cookie: cookie!, origin: app.origin }, body: multipart({ _csrf: tokens[0]!, name: 'Uploaded' }) })
    await refusal(response, /^A multipart\/form-data post carries its CSRF token in the _csrf field only once a multipart parser \(e\.g\. multer\) has read it: .*mizan-csrf header/)
    expect(app.renamed).toEqual([])
  })

  it('Express: reads the field from a body a parser mounted before the check parsed', async () => {
    const app = await open(expressFormsApp, { urlencodedParserFirst: true })
    const { tokens, cookie } = await loadForm(app)
    const response = await app.send('/rename', { method: 'POST', headers: { ...urlencoded, cookie: cookie! }, body: `_csrf=${tokens[0]}&name[first]=Nested` })
    expect(response.status).toBe(204)
    expect(app.renamed).toEqual(['[object Object]'])
  })
})
