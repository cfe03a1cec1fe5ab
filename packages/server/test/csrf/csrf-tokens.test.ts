import { afterEach, describe, expect, it, vi } from 'vitest'
import { createCsrfTokens } from '../../src/csrf/csrf-tokens.ts'

const secret = new TextEncoder().encode('a test secret of at least thirty-two bytes')

afterEach(() => {
  vi.restoreAllMocks()
})

describe('CSRF tokens', () => {
  it('verify a token once with Web Crypto, then remember it as valid', async () => {
    const tokens = createCsrfTokens([secret])
    const token = await tokens.issue()
    const verify = vi.spyOn(crypto.subtle, 'verify')
    expect(await tokens.verify(token)).toBe(true)
    expect(await tokens.verify(token)).toBe(true)
    expect(await tokens.verify(token)).toBe(true)
    expect(verify).toHaveBeenCalledTimes(1)
    // Remembered, it is known at once: a write's check then waits on nothing.
    expect(tokens.verify(token)).toBe(true)
  })

  it('never remember a forged token: each one pays a full verify and fails', async () => {
    const tokens = createCsrfTokens([secret])
    const [nonce] = (await tokens.issue()).split('.')
    const forged = `${nonce}.${'A'.repeat(43)}`
    const verify = vi.spyOn(crypto.subtle, 'verify')
    expect(await tokens.verify(forged)).toBe(false)
    expect(await tokens.verify(forged)).toBe(false)
    expect(verify).toHaveBeenCalledTimes(2)
  })

  it('accept a token only from a process that shares the secret', async () => {
    const other = createCsrfTokens([new TextEncoder().encode('another secret, also at least thirty-two bytes')])
    const token = await createCsrfTokens([secret]).issue()
    expect(await createCsrfTokens([secret]).verify(token)).toBe(true)
    expect(await other.verify(token)).toBe(false)
  })
})
