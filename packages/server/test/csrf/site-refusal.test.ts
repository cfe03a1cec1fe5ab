import { describe, expect, it } from 'vitest'
import { siteRefusal } from '../../src/csrf/site-refusal.ts'

const none = new Set<string>()
const request = (origin: string, host = 'app.test') => ({ headers: { origin, host } })

describe('siteRefusal', () => {
  it('decides for an origin seen before as the first time, past more origins than it remembers', () => {
    expect(siteRefusal(request('http://app.test'), none)).toBeUndefined()
    expect(siteRefusal(request('https://evil.test'), none)).toMatch(/^Origin "https:\/\/evil\.test" may not send writes here/)
    for (let i = 0; i < 2500; i++) siteRefusal(request(`https://site${i}.test`), none)
    expect(siteRefusal(request('http://app.test'), none)).toBeUndefined()
    expect(siteRefusal(request('https://evil.test'), none)).toMatch(/^Origin "https:\/\/evil\.test"/)
    // The host it is compared with is the request's own, not one remembered with the origin.
    expect(siteRefusal(request('http://app.test', 'other.test'), none)).toMatch(/\(host other\.test\)/)
    expect(siteRefusal(request('null'), none)).toMatch(/^Origin "null"/)
    expect(siteRefusal(request('not a url'), none)).toMatch(/^Origin "not a url"/)
    // Too long to remember, decided all the same.
    const long = `http://app.test/${'x'.repeat(300)}`
    expect(siteRefusal(request(long), none)).toBeUndefined()
    expect(siteRefusal(request(long, 'other.test'), none)).toMatch(/\(host other\.test\)/)
  })
})
