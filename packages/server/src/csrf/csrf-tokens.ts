import { fromBase64url, toBase64url } from './base64url.ts'

/** Issues and verifies signed tokens: `<nonce>.<HMAC-SHA256 of the nonce>`, both base64url. */
export interface CsrfTokens {
  issue(): Promise<string>
  /**
   * Whether one of the secrets signed `token`: `true` at once for a token verified before (a
   * client sends the same one with every write), else a promise.
   */
  verify(token: string): true | Promise<boolean>
}

// 32 random bytes each: 43 base64url characters.
const nonceBytes = 32
const tokenPattern = /^([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{43})$/
// What is signed names its use, so a MAC made with the same secret for anything else is no token.
const purpose = 'mizan-csrf-token:'

// Tokens known to be valid: a client sends the same one with every write, and an asynchronous
// Web Crypto verify costs more than the rest of a small write's handling.
const maxRemembered = 10_000

/**
 * Web Crypto (`crypto.subtle`) rather than node:crypto, so the Fetch adapter signs on any
 * runtime. Keys are imported once, on first use; `verify` compares MACs in constant time, and
 * remembers the last valid tokens (only valid ones: a flood of forged tokens cannot evict
 * them faster than clients reuse theirs, and each forged one still pays a full verify).
 */
export function createCsrfTokens(secrets: readonly Uint8Array[]): CsrfTokens {
  let keys: Promise<CryptoKey[]> | undefined
  const keysOf = () => (keys ??= Promise.all(secrets.map(importKey)))
  const valid = new Set<string>()
  const remember = (token: string) => {
    valid.add(token)
    // A Set iterates in insertion order: the first is the oldest.
    if (valid.size > maxRemembered) valid.delete(valid.values().next().value!)
  }
  return {
    async issue() {
      const nonce = toBase64url(crypto.getRandomValues(new Uint8Array(nonceBytes)))
      const [signing] = await keysOf()
      const mac = await crypto.subtle.sign('HMAC', signing!, signed(nonce))
      return `${nonce}.${toBase64url(new Uint8Array(mac))}`
    },
    verify(token) {
      return valid.has(token) || verifyNew(token)
    },
  }

  async function verifyNew(token: string): Promise<boolean> {
    const parts = tokenPattern.exec(token)
    if (!parts) return false
    const data = signed(parts[1]!)
    const mac = new Uint8Array(fromBase64url(parts[2]!))
    for (const key of await keysOf()) {
      if (await crypto.subtle.verify('HMAC', key, mac, data)) {
        remember(token)
        return true
      }
    }
    return false
  }
}

function importKey(secret: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', new Uint8Array(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify'])
}

function signed(nonce: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(purpose + nonce)
}
