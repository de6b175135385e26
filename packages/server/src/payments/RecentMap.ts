/**
 * A Map that keeps only its `capacity` most recently used entries: reading an entry counts as a use, and the
 * least recently used goes first. For per-process memories on hot paths (routes, requirements, channel states)
 * that must not grow with every distinct key a client can send.
 *
 * @example
 * const states = new RecentMap<string, ChannelState>(10_000)
 */
export class RecentMap<K, V> {
  readonly #entries = new Map<K, V>()

  constructor(readonly capacity: number) {}

  has(key: K): boolean {
    return this.#entries.has(key)
  }

  /** The value, now the most recently used; undefined when absent. */
  get(key: K): V | undefined {
    if (!this.#entries.has(key)) return undefined
    const value = this.#entries.get(key) as V
    this.#entries.delete(key)
    this.#entries.set(key, value)
    return value
  }

  /** Stores `value` as the most recently used, dropping the least recently used beyond capacity. */
  set(key: K, value: V): V {
    this.#entries.delete(key)
    this.#entries.set(key, value)
    if (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value as K)
    return value
  }

  delete(key: K): void {
    this.#entries.delete(key)
  }

  get size(): number {
    return this.#entries.size
  }
}
