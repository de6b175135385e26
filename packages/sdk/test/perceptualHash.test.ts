import { describe, expect, it } from 'vitest'
import {
  type Hex,
  hammingDistance,
  InvalidPerceptualHashError,
  InvalidPixelsError,
  matchConfidence,
  pdqBits,
  pdqHash,
  perceptualHashToWords,
  popcount32,
  wordsToPerceptualHash,
} from '../src/index.js'
import { pdqDct16 } from '../src/perceptual/pdqDct.js'
import {
  boxAlongColumns,
  boxAlongRows,
  jaroszWindowSize,
  pdqDownsample,
} from '../src/perceptual/pdqDownsample.js'

/** A seeded PRNG, so every run tests the same pixels. */
function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), a | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Smooth blobs plus a little noise: structure at every scale PDQ looks at. */
function picture(seed: number, width: number, height: number, channels: 1 | 3 | 4 = 3) {
  const rand = seeded(seed)
  const blobs = Array.from({ length: 6 }, () => ({
    x: rand() * width,
    y: rand() * height,
    r: (0.1 + rand() * 0.3) * Math.min(width, height),
    c: [rand() * 255, rand() * 255, rand() * 255],
  }))
  const data = new Uint8Array(width * height * channels)
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * channels
      for (let c = 0; c < Math.min(channels, 3); c++) {
        let v = 40 + (80 * x) / width
        for (const b of blobs) if ((x - b.x) ** 2 + (y - b.y) ** 2 < b.r ** 2) v = b.c[c]!
        data[i + c] = Math.max(0, Math.min(255, v + (rand() - 0.5) * 10))
      }
      if (channels === 4) data[i + 3] = 255
    }
  return { data, width, height, channels }
}

const bitCount = (hash: Hex) => [...perceptualHashToWords(hash)].reduce((n, w) => n + popcount32(w), 0)

describe('pdqHash', () => {
  it('returns 0x + 64 lowercase hex digits and the same hash for the same pixels', () => {
    const image = picture(1, 300, 200)
    const a = pdqHash(image)
    expect(a.hash).toMatch(/^0x[0-9a-f]{64}$/)
    expect(pdqHash({ ...image, data: image.data.slice() })).toEqual(a)
    expect(a.quality).toBeGreaterThanOrEqual(50)
  })

  it('sets exactly 128 bits: one per coefficient above the median of the 256', () => {
    for (let seed = 1; seed <= 5; seed++) expect(bitCount(pdqHash(picture(seed, 257, 181)).hash)).toBe(128)
  })

  it('gives different pictures hashes about half their bits apart', () => {
    const hashes = Array.from({ length: 8 }, (_, i) => pdqHash(picture(100 + i, 256, 256)).hash)
    for (let i = 0; i < hashes.length; i++)
      for (let j = i + 1; j < hashes.length; j++)
        expect(hammingDistance(hashes[i]!, hashes[j]!)).toBeGreaterThan(64)
  })

  it('scores a flat image quality 0, a gentle ramp near 0 and a checkerboard 100', () => {
    const flat = {
      data: new Uint8Array(200 * 100 * 3).fill(128),
      width: 200,
      height: 100,
      channels: 3 as const,
    }
    expect(pdqHash(flat).quality).toBe(0)
    const gentle = picture(3, 400, 400)
    gentle.data.forEach((_, i) => {
      gentle.data[i] = 100 + ((i / 3) % 400) / 40 // a 10-level ramp: no significant gradient anywhere
    })
    expect(pdqHash(gentle).quality).toBeLessThan(10)
    const checks = new Uint8Array(400 * 400).map((_, p) =>
      (((p % 400) >> 4) + ((p / 400) >> 4)) & 1 ? 230 : 20,
    )
    expect(pdqHash({ data: checks, width: 400, height: 400, channels: 1 }).quality).toBe(100)
  })

  it('hashes grey, RGB and RGBA of the same luminance alike, ignoring alpha', () => {
    const rgb = picture(5, 120, 90, 3)
    const grey = { data: new Uint8Array(120 * 90), width: 120, height: 90, channels: 1 as const }
    const greyAsRgb = new Uint8Array(120 * 90 * 3)
    for (let p = 0; p < 120 * 90; p++) {
      grey.data[p] = rgb.data[p * 3]!
      greyAsRgb.fill(rgb.data[p * 3]!, p * 3, p * 3 + 3)
    }
    expect(pdqHash(grey)).toEqual(pdqHash({ ...grey, data: greyAsRgb, channels: 3 }))
    const rgba = picture(5, 120, 90, 4)
    const transparent = rgba.data.slice()
    for (let i = 3; i < transparent.length; i += 4) transparent[i] = 0
    expect(pdqHash({ ...rgba, data: transparent })).toEqual(pdqHash(rgba))
    expect(pdqHash(rgba)).toEqual(pdqHash(rgb))
  })

  it('returns the zero hash with quality 0 below 5 pixels on a side, as the reference does', () => {
    const tiny = { data: new Uint8Array(4 * 40 * 3).fill(9), width: 4, height: 40, channels: 3 as const }
    expect(pdqHash(tiny)).toEqual({ hash: `0x${'0'.repeat(64)}`, quality: 0 })
  })

  it('refuses pixels that do not match their stated shape', () => {
    const data = new Uint8Array(10)
    expect(() => pdqHash({ data, width: 10, height: 10, channels: 3 })).toThrow(InvalidPixelsError)
    expect(() => pdqHash({ data, width: 1.5, height: 2, channels: 1 })).toThrow(InvalidPixelsError)
    expect(() => pdqHash({ data, width: 2, height: 2, channels: 5 as 3 })).toThrow(InvalidPixelsError)
  })
})

describe('PDQ internals against the reference algorithm', () => {
  it('sizes the box window as half a 64th of the side, rounded up (1024 → 8)', () => {
    expect(jaroszWindowSize(1024, 64)).toBe(8)
    expect(jaroszWindowSize(512, 64)).toBe(4)
    expect(jaroszWindowSize(500, 64)).toBe(4)
    expect(jaroszWindowSize(64, 64)).toBe(1)
    expect(jaroszWindowSize(5, 64)).toBe(1)
  })

  it('places box windows as the reference does: its worked examples for widths 7 and 8 over 0..15', () => {
    const input = Float32Array.from({ length: 16 }, (_, i) => i)
    // The reference's comments list each output's window sum; its window grows from half+… to full and shrinks.
    const sums7 = [6, 10, 15, 21, 28, 35, 42, 49, 56, 63, 70, 77, 84, 75, 65, 54]
    const counts7 = [4, 5, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 6, 5, 4]
    const sums8 = [10, 15, 21, 28, 36, 44, 52, 60, 68, 76, 84, 92, 84, 75, 65, 54]
    const counts8 = [5, 6, 7, 8, 8, 8, 8, 8, 8, 8, 8, 8, 7, 6, 5, 4]
    for (const [window, sums, counts] of [
      [7, sums7, counts7],
      [8, sums8, counts8],
    ] as const) {
      const rows = new Float32Array(16)
      boxAlongRows(input, rows, 16, 1, window)
      const cols = new Float32Array(16)
      boxAlongColumns(input, cols, 1, 16, window)
      const expected = sums.map((s, i) => s / counts[i]!)
      for (let i = 0; i < 16; i++) {
        expect(rows[i]).toBeCloseTo(expected[i]!, 5)
        expect(cols[i]).toBeCloseTo(expected[i]!, 5)
      }
    }
  })

  it('computes the 16×16 DCT block exactly as the textbook definition (frequencies 1..16)', () => {
    const rand = seeded(7)
    const image = Float32Array.from({ length: 64 * 64 }, () => rand() * 255)
    const fast = pdqDct16(image)
    for (let u = 0; u < 16; u++)
      for (let v = 0; v < 16; v++) {
        let sum = 0
        for (let y = 0; y < 64; y++)
          for (let x = 0; x < 64; x++)
            sum +=
              (2 / 64) *
              Math.cos((Math.PI * (u + 1) * (2 * y + 1)) / 128) *
              Math.cos((Math.PI * (v + 1) * (2 * x + 1)) / 128) *
              image[y * 64 + x]!
        expect(fast[u * 16 + v]).toBeCloseTo(sum, 6)
      }
  })

  it('writes coefficient 16·i + j as bit 16·i + j of a big-endian 256-bit number', () => {
    // Coefficients equal to their index: the median is coefficient 127, so bits 128..255 are set — the
    // first 32 hex digits.
    const ramp = Float64Array.from({ length: 256 }, (_, k) => k)
    expect(pdqBits(ramp)).toBe(`0x${'f'.repeat(32)}${'0'.repeat(32)}`)
    const one = new Float64Array(256).fill(-1)
    one[0] = 5 // only coefficient (0, 0) above the median: the least significant bit
    expect(pdqBits(one)).toBe(`0x${'0'.repeat(63)}1`)
    one[0] = -1
    one[16 * 15 + 15] = 5 // only (15, 15): the most significant bit
    expect(pdqBits(one)).toBe(`0x8${'0'.repeat(63)}`)
  })

  it('follows the reference’s dihedral identities: a mirror negates alternate columns, a quarter turn transposes', () => {
    // At 64×64 the reference skips the blur, so mirroring the pixels mirrors the grid exactly.
    const image = picture(8, 64, 64, 1)
    const mirror = new Uint8Array(64 * 64)
    const turned = new Uint8Array(64 * 64)
    for (let y = 0; y < 64; y++)
      for (let x = 0; x < 64; x++) {
        mirror[y * 64 + (63 - x)] = image.data[y * 64 + x]!
        turned[x * 64 + (63 - y)] = image.data[y * 64 + x]! // 90° clockwise
      }
    const dct = pdqDct16(pdqDownsample(image))
    const mirrored = dct.map((c, k) => ((k % 16) % 2 === 0 ? -c : c)) // horizontal frequency j + 1 odd
    const rotated = new Float64Array(256)
    for (let i = 0; i < 16; i++)
      for (let j = 0; j < 16; j++) rotated[j * 16 + i] = i % 2 === 0 ? -dct[i * 16 + j]! : dct[i * 16 + j]!
    expect(pdqHash({ ...image, data: mirror }).hash).toBe(pdqBits(mirrored))
    expect(pdqHash({ ...image, data: turned }).hash).toBe(pdqBits(rotated))
  })
})

describe('hammingDistance', () => {
  it('counts differing bits, agreeing with a bit-by-bit count', () => {
    const rand = seeded(9)
    const randomHash = (): Hex =>
      `0x${Array.from({ length: 64 }, () => Math.floor(rand() * 16).toString(16)).join('')}`
    for (let n = 0; n < 200; n++) {
      const [a, b] = [randomHash(), randomHash()]
      const naive = [...BigInt(a).toString(2).padStart(256, '0')].filter(
        (bit, i) => bit !== BigInt(b).toString(2).padStart(256, '0')[i],
      ).length
      expect(hammingDistance(a, b)).toBe(naive)
      expect(hammingDistance(b, a)).toBe(naive)
    }
    expect(hammingDistance(`0x${'0'.repeat(64)}`, `0x${'f'.repeat(64)}`)).toBe(256)
    expect(hammingDistance(`0x${'A'.repeat(64)}`, `0x${'a'.repeat(64)}`)).toBe(0)
  })

  it('round-trips words and hex, and refuses anything that is not 256 bits of hex', () => {
    const hash = pdqHash(picture(10, 100, 100)).hash
    expect(wordsToPerceptualHash(perceptualHashToWords(hash))).toBe(hash)
    for (const bad of ['', '0x1234', `0x${'g'.repeat(64)}`, `${'a'.repeat(64)}`, `0x${'a'.repeat(65)}`])
      expect(() => hammingDistance(bad as Hex, hash)).toThrow(InvalidPerceptualHashError)
  })
})

describe('matchConfidence', () => {
  it('is 1 at distance 0, falls through the threshold to 0 beyond it, and is capped below 0.5 for low quality', () => {
    expect(matchConfidence(0, 100)).toBe(1)
    expect(matchConfidence(10, 100)).toBeGreaterThan(0.85)
    expect(matchConfidence(31, 100)).toBeLessThan(0.1)
    expect(matchConfidence(31, 100)).toBeGreaterThan(0)
    expect(matchConfidence(32, 100)).toBe(0)
    expect(matchConfidence(128, 100)).toBe(0)
    for (let d = 1; d <= 32; d++)
      expect(matchConfidence(d, 80)).toBeLessThanOrEqual(matchConfidence(d - 1, 80))
    expect(matchConfidence(0, 49)).toBeLessThan(0.5)
    expect(matchConfidence(0, 0)).toBe(0)
    expect(matchConfidence(20, 100, 63)).toBeGreaterThan(matchConfidence(20, 100))
  })
})
