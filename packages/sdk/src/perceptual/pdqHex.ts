import type { Hex } from 'viem'
import { InvalidPerceptualHashError } from './perceptualErrors.js'

const pattern = /^0x[0-9a-fA-F]{64}$/

/**
 * Whether a value is a 256-bit perceptual hash as the SDK writes it: 0x and 64 hex characters.
 *
 * @example
 * isPerceptualHash('0x' + 'ab'.repeat(32)) // true
 */
export function isPerceptualHash(value: unknown): value is Hex {
  return typeof value === 'string' && pattern.test(value)
}

/**
 * A hash as eight 32-bit words, most significant first (word 0 is the first 8 hex digits). The form the
 * index stores and compares; throws {@link InvalidPerceptualHashError} on anything else.
 *
 * @example
 * const words = perceptualHashToWords(hash) // Uint32Array(8)
 */
export function perceptualHashToWords(hash: Hex, into = new Uint32Array(8), offset = 0): Uint32Array {
  if (!isPerceptualHash(hash)) throw new InvalidPerceptualHashError(hash)
  for (let w = 0; w < 8; w++) into[offset + w] = Number.parseInt(hash.slice(2 + 8 * w, 10 + 8 * w), 16)
  return into
}

/**
 * Eight words (most significant first) back to `0x` + 64 lowercase hex digits.
 *
 * @example
 * wordsToPerceptualHash(perceptualHashToWords(hash)) === hash.toLowerCase() // true
 */
export function wordsToPerceptualHash(words: Uint32Array, offset = 0): Hex {
  let hex = '0x'
  for (let w = 0; w < 8; w++) hex += words[offset + w]!.toString(16).padStart(8, '0')
  return hex as Hex
}
