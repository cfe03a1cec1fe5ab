import { describe, expect, it } from 'vitest'
import { cookieValues } from '../../src/csrf/csrf-cookie.ts'

describe('cookieValues', () => {
  it('gives every value of the named cookie, in order, trimmed, each up to its own ";"', () => {
    expect(cookieValues('a=1; mizan-csrf=x.y ; b=2;mizan-csrf=z', 'mizan-csrf')).toEqual(['x.y', 'z'])
    expect(cookieValues(['a=1', ' mizan-csrf=t'], 'mizan-csrf')).toEqual(['t'])
    expect(cookieValues('mizan-csrf=a=b', 'mizan-csrf')).toEqual(['a=b'])
    expect(cookieValues('mizan-csrf=', 'mizan-csrf')).toEqual([''])
  })

  it('takes no other cookie for it: a longer name, a name only in a value, a pair without "="', () => {
    expect(cookieValues('mizan-csrf2=x; other=mizan-csrf=y', 'mizan-csrf')).toEqual([])
    expect(cookieValues('mizan-csrf; a=1', 'mizan-csrf')).toEqual([])
    expect(cookieValues('junk;;; mizan-csrf=v;', 'mizan-csrf')).toEqual(['v'])
    expect(cookieValues(';;;;', 'mizan-csrf')).toEqual([])
    expect(cookieValues(undefined, 'mizan-csrf')).toEqual([])
  })

  it('reads a header of many pairs without "=" to its end', () => {
    expect(cookieValues(`${'x;'.repeat(50_000)}mizan-csrf=last`, 'mizan-csrf')).toEqual(['last'])
  })
})
