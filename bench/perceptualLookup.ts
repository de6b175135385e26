import { randomBytes } from 'node:crypto'
import {
  type Hex,
  hammingDistanceWords,
  PerceptualIndex,
  perceptualHashToWords,
  wordsToPerceptualHash,
} from '@rightflow/sdk'
import type { Original } from './perceptualCorpus.js'
import { seededRandom } from './perceptualImages.js'
import { type Percentiles, percentiles, progress } from './stats.js'

export type PerceptualLookupResult = {
  entries: number
  buildSeconds: number
  memoryMiB: number
  near: Percentiles & { found: number; queries: number }
  absent: Percentiles & { queries: number }
  reframed: Percentiles & { found: number; queries: number; hashes: number }
  scanMs: number
}

/**
 * Radius-31 lookups in a PerceptualIndex of `entries` hashes: random hashes for the bulk (uniform bits, the
 * best case for multi-index hashing — real PDQ hashes cluster somewhat) plus the benchmark's real originals;
 * queried by planted near-duplicates at distance 0..31, by hashes with no neighbour, and by the cropped
 * copies' plain and re-framed hashes together (`searchAny`). A linear scan is timed beside them.
 */
export function runPerceptualLookup(
  entries: number,
  queries: number,
  originals: Original[],
  cropWashing: number,
): PerceptualLookupResult {
  const random = randomBytes(entries * 32)
  const hex = (i: number): Hex => `0x${random.toString('hex', i * 32, i * 32 + 32)}`
  const index = new PerceptualIndex<number>()
  const start = performance.now()
  for (let i = 0; i < entries; i++) index.add(i, hex(i))
  const buildSeconds = (performance.now() - start) / 1000
  // The index's typed arrays, counted by the index itself: a process-wide before/after difference is swamped
  // by whatever the earlier sections freed in between.
  const memoryMiB = index.typedArrayBytes / 2 ** 20
  progress(
    `perceptual lookup: ${entries.toLocaleString('en-US')} hashes indexed in ${buildSeconds.toFixed(1)} s`,
  )
  originals.forEach((o, i) => {
    index.add(entries + i, o.hash)
  })

  const rand = seededRandom(31)
  const planted: { query: Hex; target: number }[] = []
  for (let q = 0; q < queries; q++) {
    const target = Math.floor(rand() * entries)
    const words = perceptualHashToWords(hex(target))
    const flipped = new Set<number>()
    const flips = Math.floor(rand() * 32)
    while (flipped.size < flips) flipped.add(Math.floor(rand() * 256))
    for (const bit of flipped) words[bit >> 5]! ^= 1 << (bit & 31)
    planted.push({ query: wordsToPerceptualHash(words), target })
  }
  const absentQueries = Array.from({ length: queries }, (): Hex => `0x${randomBytes(32).toString('hex')}`)
  for (const { query } of planted.slice(0, 200)) index.search(query) // warm-up
  const time = <T>(run: () => T): [T, number] => {
    const t = performance.now()
    const result = run()
    return [result, performance.now() - t]
  }
  let found = 0
  const nearTimes = planted.map(({ query, target }) => {
    const [matches, ms] = time(() => index.search(query))
    if (matches.some((m) => m.id === target)) found++
    return ms
  })
  const absentTimes = absentQueries.map((query) => time(() => index.search(query))[1])
  let reframedFound = 0
  let hashes = 0
  const reframedTimes = originals.map((original, i) => {
    const copy = original.washed[cropWashing]!
    const all = [copy.hash, ...copy.reframed]
    hashes += all.length
    const [matches, ms] = time(() => index.searchAny(all))
    if (matches[0]?.id === entries + i) reframedFound++
    return ms
  })
  return {
    entries,
    buildSeconds,
    memoryMiB,
    near: { ...percentiles(nearTimes), found, queries },
    absent: { ...percentiles(absentTimes), queries },
    reframed: {
      ...percentiles(reframedTimes),
      found: reframedFound,
      queries: originals.length,
      hashes: hashes / originals.length,
    },
    scanMs: linearScanMs(random, entries, planted[0]!.query),
  }
}

/** One pass of popcount over every hash: what each lookup would cost without the index. */
function linearScanMs(random: Buffer, entries: number, query: Hex): number {
  const words = new Uint32Array(entries * 8)
  for (let i = 0; i < entries; i++)
    perceptualHashToWords(`0x${random.toString('hex', i * 32, i * 32 + 32)}`, words, i * 8)
  const q = perceptualHashToWords(query)
  const times: number[] = []
  for (let r = 0; r < 5; r++) {
    const t = performance.now()
    let within = 0
    for (let i = 0; i < entries; i++) if (hammingDistanceWords(q, 0, words, i * 8) <= 31) within++
    times.push(performance.now() - t)
    if (within < 0) throw new Error('unreachable') // keeps the count, so the loop cannot be optimised away
  }
  return times.sort((a, b) => a - b)[2]!
}
