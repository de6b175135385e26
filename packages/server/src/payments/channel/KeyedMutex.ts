/**
 * One task at a time per key, in arrival order; keys never wait for each other. Entries are dropped as soon as
 * a key's queue is empty, so a million channels seen once cost nothing afterwards.
 */
export class KeyedMutex {
  readonly #tails = new Map<string, Promise<unknown>>()

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve()
    const current = previous.then(task, task)
    const tail = current.catch(() => {})
    this.#tails.set(key, tail)
    try {
      return await current
    } finally {
      if (this.#tails.get(key) === tail) this.#tails.delete(key)
    }
  }

  /** Keys with a task running or queued. */
  get size(): number {
    return this.#tails.size
  }
}
