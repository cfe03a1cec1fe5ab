/**
 * Turns values into JSON-safe data and back, on both sides of the wire. superjson fits as is
 * (Dates, Maps, Sets, BigInt and undefined round-trip); without one, values travel as plain JSON.
 */
export interface Transformer {
  serialize(value: unknown): unknown
  deserialize(value: unknown): unknown
}

/** Plain JSON: what travels when no transformer is configured. */
export const jsonTransformer: Transformer = {
  serialize: (value) => value,
  deserialize: (value) => value,
}
