import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { cookieValues } from '../../src/csrf/csrf-cookie.ts'
import { fuzzRun } from '../fixtures/fuzz-run.ts'

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

  it('reads names as split-and-trim would, spaces, tabs and no-break spaces around them included', () => {
    const reference = (header: string, name: string) =>
      header
        .split(';')
        .filter((pair) => pair.includes('=') && pair.slice(0, pair.indexOf('=')).trim() === name)
        .map((pair) => pair.slice(pair.indexOf('=') + 1).trim())
    const header = fc.string({ unit: fc.constantFrom('a', 'b', '=', ';', ' ', '\t', '\u00a0', '\n'), maxLength: 30 })
    fc.assert(
      fc.property(header, fc.constantFrom('a', 'ab', 'b a'), (text, name) => {
        expect(cookieValues(text, name)).toEqual(reference(text, name))
      }),
      fuzzRun('cookie-values', 2000),
    )
    expect(cookieValues('\t mizan-csrf\u00a0 =v', 'mizan-csrf')).toEqual(['v'])
  })

  it('reads a header of many pairs without "=" to its end', () => {
    expect(cookieValues(`${'x;'.repeat(50_000)}mizan-csrf=last`, 'mizan-csrf')).toEqual(['last'])
  })
})
