/**
 * Whether two strings are equal, in a time that depends on their length only, never on where
 * they first differ: comparing a guess with a secret must not say how much of it was right.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let difference = 0
  for (let index = 0; index < a.length; index++) difference |= a.charCodeAt(index) ^ b.charCodeAt(index)
  return difference === 0
}
