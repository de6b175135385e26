import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  type Hex,
  hammingDistanceWords,
  InvalidPerceptualHashError,
  PerceptualIndex,
  perceptualHashToWords,
  wordsToPerceptualHash,
} from '../src/index.js'

const randomHash = (): Hex => `0x${randomBytes(32).toString('hex')}`

/** `hash` with `bits` distinct random bits flipped. */
function flip(hash: Hex, bits: number): Hex {
  const words = perceptualHashToWords(hash)
  const chosen = new Set<number>()
  while (chosen.size < bits) chosen.add(Math.floor(Math.random() * 256))
  for (const bit of chosen) words[bit >> 5]! ^= 1 << (bit & 31)
  return wordsToPerceptualHash(words)
}

/** The obviously correct answer: every hash, distance computed, filtered and sorted. */
function bruteForce(entries: Map<number, Hex>, query: Hex, maxDistance: number) {
  const q = perceptualHashToWords(query)
  const matches: { id: number; distance: number }[] = []
  for (const [id, hash] of entries) {
    const words = parsed.get(hash) ?? perceptualHashToWords(hash)
    parsed.set(hash, words)
    const distance = hammingDistanceWords(q, 0, words, 0)
    if (distance <= maxDistance) matches.push({ id, distance })
  }
  return matches.sort((a, b) => a.distance - b.distance || a.id - b.id)
}
const parsed = new Map<Hex, Uint32Array>()

const byDistanceThenId = (matches: { id: number; distance: number }[]) =>
  [...matches].sort((a, b) => a.distance - b.distance || a.id - b.id)

describe('PerceptualIndex', () => {
  // 20,000 random hashes plus near neighbours planted at every distance 0..40 from 50 of them.
  const entries = new Map<number, Hex>()
  for (let i = 0; i < 20_000; i++) entries.set(i, randomHash())
  const anchors = Array.from({ length: 50 }, (_, a) => entries.get(a * 397)!)
  let id = 20_000
  for (const anchor of anchors) for (let d = 0; d <= 40; d++) entries.set(id++, flip(anchor, d))
  const index = new PerceptualIndex<number>()
  for (const [key, hash] of entries) index.add(key, hash)

  it('finds exactly what a linear scan finds, at radius 31 and at radii crossing chunk boundaries', () => {
    expect(index.size).toBe(entries.size)
    for (const anchor of anchors.slice(0, 20))
      for (const radius of [0, 15, 16, 31, 32, 40, 47]) {
        const query = flip(anchor, 3)
        expect(byDistanceThenId(index.search(query, radius))).toEqual(bruteForce(entries, query, radius))
      }
  })

  it('defaults to radius 31 and returns the nearest first', () => {
    const query = anchors[7]!
    const matches = index.search(query)
    expect(matches.length).toBeGreaterThanOrEqual(32) // the anchor and its planted copies at 1..31
    expect(matches.every((m) => m.distance <= 31)).toBe(true)
    expect(matches[0]!.distance).toBe(0)
    for (let i = 1; i < matches.length; i++)
      expect(matches[i]!.distance).toBeGreaterThanOrEqual(matches[i - 1]!.distance)
  })

  it('finds nothing near a fresh random hash (unrelated hashes sit near 128)', () => {
    for (let n = 0; n < 50; n++) expect(index.search(randomHash())).toEqual([])
  })

  it('removes and re-adds entries, keeping agreement with a linear scan', () => {
    const local = new PerceptualIndex<number>()
    const kept = new Map<number, Hex>()
    const anchor = randomHash()
    for (let i = 0; i < 2_000; i++) {
      const hash = i % 4 === 0 ? flip(anchor, i % 40) : randomHash()
      local.add(i, hash)
      kept.set(i, hash)
    }
    for (let i = 0; i < 2_000; i += 3) {
      expect(local.remove(i)).toBe(true)
      kept.delete(i)
    }
    expect(local.remove(0)).toBe(false)
    expect(local.size).toBe(kept.size)
    expect(local.has(3)).toBe(false)
    expect(local.has(4)).toBe(true)
    expect(byDistanceThenId(local.search(anchor, 40))).toEqual(bruteForce(kept, anchor, 40))
    // Freed slots are reused; re-adding under an existing id replaces its hash.
    for (let i = 0; i < 2_000; i += 3) {
      const hash = flip(anchor, 5)
      local.add(i, hash)
      kept.set(i, hash)
    }
    local.add(4, anchor)
    kept.set(4, anchor)
    expect(local.size).toBe(kept.size)
    expect(byDistanceThenId(local.search(anchor, 40))).toEqual(bruteForce(kept, anchor, 40))
    for (const key of kept.keys()) local.remove(key)
    expect(local.size).toBe(0)
    expect(local.search(anchor, 63)).toEqual([])
  })

  it('searchAny reports each id once, with its smallest distance over all queries and which query it was', () => {
    const local = new PerceptualIndex<string>()
    const a = randomHash()
    const b = randomHash()
    local.add('a', a)
    local.add('b', b)
    const [nearA, nearB] = [flip(a, 20), flip(b, 6)]
    expect(local.searchAny([nearA, flip(a, 2), nearB])).toEqual([
      { id: 'a', distance: 2, query: 1 },
      { id: 'b', distance: 6, query: 2 },
    ])
    expect(local.searchAny([])).toEqual([])
  })

  it('rejects malformed hashes and radii', () => {
    const local = new PerceptualIndex()
    expect(() => local.add('x', '0x1234')).toThrow(InvalidPerceptualHashError)
    expect(() => local.search(randomHash(), -1)).toThrow(RangeError)
    expect(() => local.search(randomHash(), 2.5)).toThrow(RangeError)
    expect(local.size).toBe(0)
  })
})
