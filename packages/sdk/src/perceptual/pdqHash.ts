import type { Hex } from 'viem'
import { pdqDct16, pdqDctSize } from './pdqDct.js'
import { type PdqPixels, pdqBlur, pdqDecimate } from './pdqDownsample.js'
import { wordsToPerceptualHash } from './pdqHex.js'
import { pdqQuality } from './pdqQuality.js'
import { InvalidPixelsError } from './perceptualErrors.js'

export type PdqHashParameters = PdqPixels

export type PdqHashReturnType = {
  /** 0x + 64 hex digits, in the reference's text form (see {@link pdqBits}). */
  hash: Hex
  /** 0..100; below 50 the hash says little about the picture (flat or nearly flat images). */
  quality: number
}

export type PdqHashErrorType = InvalidPixelsError

/** The reference refuses to hash smaller images (it returns the zero hash with quality 0), and so do we. */
export const pdqMinSide = 5

/**
 * The PDQ perceptual hash of decoded 8-bit pixels, after Meta's published algorithm (facebook/ThreatExchange
 * `pdq`): luminance, a two-pass Jarosz tent blur, decimation to 64×64, the 16×16 low-frequency DCT block,
 * one bit per coefficient above the block's median, and the gradient-based quality score.
 *
 * Differences from the C++ reference, none of which changes a bit except on coefficients within float
 * rounding of the median: we keep the blur in float32 as it does, but accumulate the DCT and box sums in
 * float64. Large images should be shrunk first (the reference and {@link perceptualHashImage} go to ≤ 512
 * on the long side): the blur is linear in the pixel count.
 *
 * @example
 * const { data, info } = await sharp(file).raw().toBuffer({ resolveWithObject: true })
 * const { hash, quality } = pdqHash({ data, width: info.width, height: info.height, channels: info.channels })
 */
export function pdqHash(pixels: PdqHashParameters): PdqHashReturnType {
  const { data, width, height, channels } = pixels
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0)
    throw new InvalidPixelsError(`width and height must be non-negative integers, got ${width}×${height}`)
  if (![1, 2, 3, 4].includes(channels)) throw new InvalidPixelsError(`channels must be 1..4, got ${channels}`)
  if (data.length < width * height * channels)
    throw new InvalidPixelsError(
      `${width}×${height}×${channels} needs ${width * height * channels} bytes, got ${data.length}`,
    )
  if (width < pdqMinSide || height < pdqMinSide) return { hash: `0x${'0'.repeat(64)}`, quality: 0 }
  return pdqHashFromBlur(pdqBlur(pixels), width, height)
}

/** The hash and quality from luminance already blurred by {@link pdqBlur} (shared with re-framing). */
export function pdqHashFromBlur(blurred: Float32Array, width: number, height: number): PdqHashReturnType {
  const image64 = pdqDecimate(blurred, width, height)
  return { hash: pdqBits(pdqDct16(image64)), quality: pdqQuality(image64) }
}

/**
 * One bit per DCT coefficient: set when it is above the median of the 256 (the lower median, the 128th
 * smallest, as the reference's Torben selection returns), so a hash has 128 bits set unless coefficients tie.
 *
 * Bit order follows the reference: coefficient (i, j) of the row-major 16×16 block is bit k = 16·i + j of a
 * 256-bit number, written as 64 hex digits most significant first — the reference prints its sixteen 16-bit
 * words from word 15 down to word 0, which is the same string.
 */
export function pdqBits(dct: Float64Array): Hex {
  const n = pdqDctSize * pdqDctSize
  const median = Float64Array.from(dct.subarray(0, n)).sort()[n / 2 - 1]!
  const words = new Uint32Array(8)
  for (let k = 0; k < n; k++) if (dct[k]! > median) words[7 - (k >> 5)]! |= 1 << (k & 31)
  return wordsToPerceptualHash(words)
}
