/**
 * A least-recently-used map on a `Map`'s insertion order: a read moves the key to the end
 * (delete, then set), so the first key is always the one to evict. `onEvict` hears each key
 * pushed out by `set` past `maxSize`.
 */
export class Lru<K, V> {
  readonly #map = new Map<K, V>()
  readonly #maxSize: number
  readonly #onEvict: (key: K, value: V) => void

  constructor(maxSize: number, onEvict: (key: K, value: V) => void) {
    this.#maxSize = maxSize
    this.#onEvict = onEvict
  }

  get size(): number {
    return this.#map.size
  }

  /** The value, now the most recently used; undefined when absent. */
  get(key: K): V | undefined {
    const value = this.#map.get(key)
    if (value === undefined) return undefined
    this.#map.delete(key)
    this.#map.set(key, value)
    return value
  }

  set(key: K, value: V): void {
    this.#map.delete(key)
    this.#map.set(key, value)
    while (this.#map.size > this.#maxSize) {
      const oldest = this.#map.entries().next().value
      if (!oldest) break
      this.#map.delete(oldest[0])
      this.#onEvict(oldest[0], oldest[1])
    }
  }

  delete(key: K): boolean {
    return this.#map.delete(key)
  }

  clear(): void {
    this.#map.clear()
  }
}
