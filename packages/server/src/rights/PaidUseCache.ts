import { type AiUse, type Hex, listTerms } from '@rightflow/sdk'
import type { ChainContext } from '../chainContext.js'
import type { ProtectingAsset, UsageGate } from './usageGate.js'

/**
 * What a paid route needs to know about content on every call, read from the chain at most once per `ttlMs`
 * per key: the IP asset that governs it (the earliest anchored claim on the bytes, if that is an asset; its vault
 * gets the royalty; assets of later claims get nothing),
 * and whether that asset's terms allow a use at all. A paid call must not cost a chain read.
 *
 * @example
 * const cache = new PaidUseCache(gate, chain)
 * const asset = await cache.assetOf(contentHash)
 */
export class PaidUseCache {
  readonly #assets = new Map<string, { at: number; value: Promise<ProtectingAsset | undefined> }>()
  readonly #allowed = new Map<string, { at: number; value: Promise<boolean> }>()

  constructor(
    private readonly gate: UsageGate,
    private readonly chain: ChainContext,
    private readonly ttlMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The asset whose vault a paid use of this content pays, if the content is an IP asset. */
  assetOf(contentHash: Hex): Promise<ProtectingAsset | undefined> {
    return this.#cached(
      this.#assets,
      contentHash,
      async () => (await this.gate.protectingAssets(contentHash))[0],
    )
  }

  /** Whether the asset's current terms allow `use` (some terms on sale, not retired or expired, allow it). */
  allows(assetId: Hex, use: AiUse): Promise<boolean> {
    return this.#cached(this.#allowed, `${assetId}:${use}`, async () => {
      const now = Math.floor(this.now() / 1000)
      const terms = await listTerms({
        publicClient: this.chain.publicClient,
        contracts: this.chain.rights!,
        assetId,
      })
      return terms.some(
        (t) =>
          !t.retired && (t.terms.expiresAt === 0 || t.terms.expiresAt > now) && t.terms.uses[use].allowed,
      )
    })
  }

  #cached<T>(
    map: Map<string, { at: number; value: Promise<T> }>,
    key: string,
    read: () => Promise<T>,
  ): Promise<T> {
    const now = this.now()
    const hit = map.get(key)
    if (hit && now - hit.at < this.ttlMs) return hit.value
    const value = read()
    map.set(key, { at: now, value })
    // A failed read is not remembered; an old entry makes room when the map grows large.
    value.catch(() => map.delete(key))
    if (map.size > 10_000) map.delete(map.keys().next().value!)
    return value
  }
}
