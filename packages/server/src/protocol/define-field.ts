/**
 * Makes `key` an own enumerable field of `object`, as assigning would: but defined, so a key
 * named "__proto__" stays a field instead of setting the prototype (and being dropped).
 */
export function defineField(object: object, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true })
}
