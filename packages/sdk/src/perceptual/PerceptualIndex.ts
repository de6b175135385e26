import type { Hex } from 'viem'
import { hammingDistanceWords } from './hammingDistance.js'
import { perceptualHashToWords } from './pdqHex.js'

/** Meta's recommended PDQ match threshold ("distance ≤ 31"), and this index's default search radius. */
export const defaultMatchDistance = 31

export type PerceptualMatch<Id> = { id: Id; distance: number }

/** A match of {@link PerceptualIndex.searchAny}: also which of the query hashes came nearest. */
export type PerceptualAnyMatch<Id> = PerceptualMatch<Id> & { query: number }

// Multi-index hashing (Norouzi, Punjani & Fleet, 2012): the 256 bits are cut into 16 chunks of 16 bits and
// each chunk value keys a bucket. If two hashes differ in d bits, some chunk differs in at most ⌊d/16⌋ of its
// 16 (pigeonhole), so probing, in every chunk table, each key within ⌊d/16⌋ bits of the query's finds every
// hash within d — exact, no false negatives; candidates are then checked with the full distance.
// 16-bit chunks: the best chunk width is about log2(n) (≈ 20 at a million hashes), and 16 bits lets a bucket
// head be a plain array slot instead of a hash-map entry. At the default d = 31 a query probes 16 × 17 keys and
// sees about 272 · n / 65,536 random candidates (≈ 4,200 at a million).
const chunks = 16
const keys = 1 << 16
const none = -1

/**
 * An in-memory index of 256-bit perceptual hashes for exact radius search by Hamming distance, without a
 * linear scan. Hashes live in one packed Uint32Array and buckets are singly linked lists threaded through an
 * Int32Array, so an entry costs 96 bytes (32 of hash, 64 of links) plus its id and id-map entry, not an
 * object apiece; the bucket heads take a fixed 4 MiB. About 150 MiB at a million entries with number ids.
 *
 * @example
 * const index = new PerceptualIndex<string>()
 * index.add('record-1', hash)
 * index.search(queryHash) // [{ id: 'record-1', distance: 4 }], nearest first, all within 31
 */
export class PerceptualIndex<Id = string> {
  #capacity = 0
  #slots = 0 // slots ever used; freed ones are recycled through #free
  #free: number[] = []
  #words = new Uint32Array(0) // 8 per slot
  #next = new Int32Array(0) // 16 per slot: the next slot in the same bucket of chunk c
  #heads: Int32Array[] = Array.from({ length: chunks }, () => new Int32Array(keys).fill(none))
  #ids: (Id | undefined)[] = []
  #slotOf = new Map<Id, number>()
  #scratch = new Uint32Array(8)

  /** Number of hashes indexed. */
  get size(): number {
    return this.#slotOf.size
  }

  /** Bytes held in the index's typed arrays (hashes, bucket links and heads); ids and the id map come on top. */
  get typedArrayBytes(): number {
    const heads = this.#heads.reduce((sum, h) => sum + h.byteLength, 0)
    return this.#words.byteLength + this.#next.byteLength + heads
  }

  has(id: Id): boolean {
    return this.#slotOf.has(id)
  }

  /** Indexes `hash` under `id`; an id already present is re-indexed with the new hash. */
  add(id: Id, hash: Hex): void {
    const words = perceptualHashToWords(hash, this.#scratch)
    if (this.#slotOf.has(id)) this.remove(id)
    const slot = this.#free.pop() ?? this.#newSlot()
    this.#words.set(words, slot * 8)
    this.#ids[slot] = id
    this.#slotOf.set(id, slot)
    for (let c = 0; c < chunks; c++) {
      const head = this.#heads[c]!
      const key = chunkKey(words, 0, c)
      this.#next[slot * chunks + c] = head[key]!
      head[key] = slot
    }
  }

  /** Removes `id`; returns whether it was there. */
  remove(id: Id): boolean {
    const slot = this.#slotOf.get(id)
    if (slot === undefined) return false
    for (let c = 0; c < chunks; c++) {
      const head = this.#heads[c]!
      const key = chunkKey(this.#words, slot * 8, c)
      // Buckets are short (n / 65,536 on average), so unlinking by walking beats a second link array.
      let prev = none
      let at = head[key]!
      while (at !== slot) {
        prev = at
        at = this.#next[at * chunks + c]!
      }
      const after = this.#next[slot * chunks + c]!
      if (prev === none) head[key] = after
      else this.#next[prev * chunks + c] = after
    }
    this.#slotOf.delete(id)
    this.#ids[slot] = undefined
    this.#free.push(slot)
    return true
  }

  /**
   * Every indexed hash within `maxDistance` bits of `hash`, nearest first (ties in a stable but arbitrary
   * order). Exact: the same set a linear scan would return. Cost grows with ⌊maxDistance / 16⌋:
   * 17 probes per chunk up to 31, 137 up to 47, 697 up to 63.
   */
  search(hash: Hex, maxDistance: number = defaultMatchDistance): PerceptualMatch<Id>[] {
    if (!Number.isInteger(maxDistance) || maxDistance < 0 || maxDistance > 256)
      throw new RangeError(`maxDistance must be an integer in 0..256, got ${maxDistance}`)
    const query = perceptualHashToWords(hash, new Uint32Array(8))
    const radius = Math.min(16, Math.floor(maxDistance / chunks))
    // A hash near the query shares several chunks with it and is met once per shared chunk; far ones are
    // met about once. So duplicates are weeded out among the matches only, instead of marking every
    // candidate seen (one more random memory access per candidate, the main cost of a lookup).
    const found = new Map<number, number>()
    const visit = (head: Int32Array, c: number, key: number) => {
      for (let slot = head[key]!; slot !== none; slot = this.#next[slot * chunks + c]!) {
        const distance = hammingDistanceWords(query, 0, this.#words, slot * 8)
        if (distance <= maxDistance) found.set(slot, distance)
      }
    }
    for (let c = 0; c < chunks; c++) {
      const head = this.#heads[c]!
      forEachKeyWithin(chunkKey(query, 0, c), radius, (key) => visit(head, c, key))
    }
    return [...found]
      .sort(([slotA, a], [slotB, b]) => a - b || slotA - slotB)
      .map(([slot, distance]) => ({ id: this.#ids[slot] as Id, distance }))
  }

  /**
   * Every indexed hash within `maxDistance` of any of `hashes`, once each with its smallest distance and the
   * position in `hashes` of the query that came nearest (the first on ties); nearest first. For a picture
   * looked up under several hashes, such as a copy's plain hash followed by its re-framed ones
   * (`pdqReframedHashes`): `query` 0 then means the plain hash matched best.
   *
   * @example
   * index.searchAny([hash, ...reframed]) // [{ id: 'record-1', distance: 14, query: 23 }]
   */
  searchAny(hashes: readonly Hex[], maxDistance: number = defaultMatchDistance): PerceptualAnyMatch<Id>[] {
    const best = new Map<Id, PerceptualAnyMatch<Id>>()
    hashes.forEach((hash, query) => {
      for (const { id, distance } of this.search(hash, maxDistance)) {
        const known = best.get(id)
        if (!known || distance < known.distance) best.set(id, { id, distance, query })
      }
    })
    return [...best.values()].sort((a, b) => a.distance - b.distance || a.query - b.query)
  }

  #newSlot(): number {
    if (this.#slots === this.#capacity) this.#grow(Math.max(1024, this.#capacity * 2))
    return this.#slots++
  }

  #grow(capacity: number): void {
    const words = new Uint32Array(capacity * 8)
    words.set(this.#words)
    const next = new Int32Array(capacity * chunks)
    next.set(this.#next)
    this.#words = words
    this.#next = next
    this.#capacity = capacity
  }
}

/** Chunk c of a hash: the high (even c) or low (odd c) half of word c/2. */
function chunkKey(words: Uint32Array, offset: number, c: number): number {
  const word = words[offset + (c >> 1)]!
  return c & 1 ? word & 0xffff : word >>> 16
}

/** Calls `visit` with every 16-bit key differing from `key` in at most `radius` bits, each once. */
function forEachKeyWithin(key: number, radius: number, visit: (key: number) => void): void {
  const flip = (from: number, value: number, left: number) => {
    visit(value)
    if (left === 0) return
    for (let bit = from; bit < 16; bit++) flip(bit + 1, value ^ (1 << bit), left - 1)
  }
  flip(0, key, radius)
}
