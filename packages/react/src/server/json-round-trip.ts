/**
 * A value as it reads back from JSON text: what the other side of the wire gets. Undefined for a
 * value JSON cannot write (undefined itself, a function), as an absent field on the wire.
 */
export function jsonRoundTrip(value: unknown): unknown {
  // JSON.stringify answers undefined (despite its type) for a value it cannot write.
  const text = JSON.stringify(value) as string | undefined
  return text === undefined ? undefined : JSON.parse(text)
}
