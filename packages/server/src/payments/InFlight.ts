/**
 * Keys currently being worked on, each held by one owner until it releases it or its time runs out (so a
 * request that died mid-flight cannot block a key for ever). Single process only: a second instance has its
 * own, and the chain stays the final word on what was paid.
 */
export class InFlight {
  readonly #entries = new Map<string, { owner: object; expiresAt: number }>()

  constructor(readonly ttlMs: number) {}

  /** Takes `key` for `owner`; false when another owner holds it and its time has not run out. */
  acquire(key: string, owner: object, now = Date.now()): boolean {
    const entry = this.#entries.get(key)
    if (entry && entry.owner !== owner && entry.expiresAt > now) return false
    this.#entries.set(key, { owner, expiresAt: now + this.ttlMs })
    if (this.#entries.size > 10_000) this.#prune(now)
    return true
  }

  /** Lets go of `key` if `owner` holds it; a no-op otherwise. */
  release(key: string, owner: object): void {
    if (this.#entries.get(key)?.owner === owner) this.#entries.delete(key)
  }

  get size(): number {
    return this.#entries.size
  }

  #prune(now: number): void {
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(key)
  }
}
