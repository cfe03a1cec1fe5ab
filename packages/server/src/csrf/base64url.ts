// Tokens travel in headers, cookies and form fields: base64url needs no escaping in any of them.
// btoa/atob rather than Buffer, so the Fetch adapter runs where Node's built-ins do not.

export function toBase64url(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
}

/** Bytes of a base64url text already known to hold only base64url characters. */
export function fromBase64url(text: string): Uint8Array {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'))
  return Uint8Array.from(binary, (char) => char.charCodeAt(0))
}
