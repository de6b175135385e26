import type { Hex } from 'viem'
import { perceptualHashToWords } from './pdqHex.js'

/** Set bits in a 32-bit word, branch-free (the SWAR count; JS has no popcount instruction). */
export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333)
  x = (x + (x >>> 4)) & 0x0f0f0f0f
  return Math.imul(x, 0x01010101) >>> 24
}

/**
 * Differing bits between two 256-bit hashes held as eight words each, at word offsets `ai` and `bi`
 * (so packed arrays of many hashes are compared without copying).
 */
export function hammingDistanceWords(a: Uint32Array, ai: number, b: Uint32Array, bi: number): number {
  return (
    popcount32(a[ai]! ^ b[bi]!) +
    popcount32(a[ai + 1]! ^ b[bi + 1]!) +
    popcount32(a[ai + 2]! ^ b[bi + 2]!) +
    popcount32(a[ai + 3]! ^ b[bi + 3]!) +
    popcount32(a[ai + 4]! ^ b[bi + 4]!) +
    popcount32(a[ai + 5]! ^ b[bi + 5]!) +
    popcount32(a[ai + 6]! ^ b[bi + 6]!) +
    popcount32(a[ai + 7]! ^ b[bi + 7]!)
  )
}

/**
 * Number of differing bits between two 256-bit perceptual hashes (0..256). Unrelated PDQ hashes sit near
 * 128; copies of one picture sit near 0.
 *
 * @example
 * hammingDistance(original.hash, copy.hash) // e.g. 6
 */
export function hammingDistance(a: Hex, b: Hex): number {
  return hammingDistanceWords(perceptualHashToWords(a), 0, perceptualHashToWords(b), 0)
}
