/**
 * Runs tasks that share a key one after another, never two at once, whatever each one's outcome. The relayer
 * uses it so a copy of a transaction sent alongside the original waits for it, then sees it done (and is
 * neither charged nor sent to revert at the relayer's cost). In one process: several instances need the
 * shared store of the scale-out work.
 *
 * @example
 * const relaying = new OneAtATime<Hex>()
 * await relaying.run(digest, () => grantConsent(...))
 */
export class OneAtATime<Key> {
  readonly #running = new Map<Key, Promise<unknown>>()

  async run<T>(key: Key, task: () => Promise<T>): Promise<T> {
    const current = (this.#running.get(key) ?? Promise.resolve()).catch(() => {}).then(task)
    this.#running.set(key, current)
    try {
      return await current
    } finally {
      if (this.#running.get(key) === current) this.#running.delete(key)
    }
  }
}
