import type { MutationNotice } from './wire.ts'

// Header values must be Latin-1 and short: the notice is JSON, UTF-8 encoded, then base64url,
// so any Unicode in params survives proxies and the Fetch API's header rules.

export function encodeNoticeHeader(notice: MutationNotice): string {
  const bytes = new TextEncoder().encode(JSON.stringify(notice))
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
}

/** Decodes a `Mizan-Invalidate` header; undefined when it is not a well-formed notice. */
export function decodeNoticeHeader(value: string): MutationNotice | undefined {
  try {
    const binary = atob(value.replaceAll('-', '+').replaceAll('_', '/'))
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0))
    const notice: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
    if (typeof notice !== 'object' || notice === null) return undefined
    const { id, invalidate } = notice as Partial<MutationNotice>
    return typeof id === 'string' ? { id, invalidate } : undefined
  } catch {
    return undefined
  }
}
