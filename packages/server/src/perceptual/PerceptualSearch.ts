import { defaultMatchDistance, type Hex, PerceptualIndex, type PerceptualMatch } from '@rightflow/sdk'
import type { ProvenanceStore } from '../store/types.js'

/**
 * Finds records whose image looks like a query image: the stored PDQ hashes in a multi-index-hashing
 * index (never a linear scan), rebuilt from the store at start and fed by ingest.
 */
export class PerceptualSearch {
  private readonly index = new PerceptualIndex<Hex>()

  static async load(store: ProvenanceStore): Promise<PerceptualSearch> {
    const search = new PerceptualSearch()
    for (const { id, hash } of await store.perceptualHashes()) search.add(id, hash)
    return search
  }

  add(id: Hex, hash: Hex): void {
    this.index.add(id, hash)
  }

  /** Records within `maxDistance` bits of `hash`, nearest first. */
  search(hash: Hex, maxDistance = defaultMatchDistance): PerceptualMatch<Hex>[] {
    return this.index.search(hash, maxDistance)
  }

  /**
   * The best match per record over several query hashes: a cropped copy's re-framed hashes
   * (`perceptualHashImage({ reframe: true })`), of which any one may land near the original.
   */
  searchAny(hashes: readonly Hex[], maxDistance = defaultMatchDistance): PerceptualMatch<Hex>[] {
    return this.index.searchAny(hashes, maxDistance)
  }

  get size(): number {
    return this.index.size
  }
}
