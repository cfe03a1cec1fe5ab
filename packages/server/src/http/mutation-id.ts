/** A unique id per write, so clients and tabs can tell one write's notices from another's. */
export function newMutationId(): string {
  return globalThis.crypto.randomUUID()
}
