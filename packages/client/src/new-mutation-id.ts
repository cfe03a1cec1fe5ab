/**
 * A fresh id for a write, chosen by the client so that it knows the id before the answer (see
 * `mutationIdHeader`): a random UUID, or where `randomUUID` is missing (it exists only in secure
 * contexts: a page served over plain http has none) 128 random bits as 32 hex digits, which the
 * server accepts all the same.
 */
export function newMutationId(): string {
  const { crypto } = globalThis
  return crypto.randomUUID?.() ?? Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('')
}
