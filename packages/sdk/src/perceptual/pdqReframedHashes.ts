import type { Hex } from 'viem'
import { pdqDct16 } from './pdqDct.js'
import { type PdqPixels, pdqBlur, pdqGridSize } from './pdqDownsample.js'
import { pdqBits, pdqMinSide } from './pdqHash.js'

export type PdqReframedHashesParameters = PdqPixels & {
  /** Fractions of each side the copy may have lost. Default [0.025, 0.05, 0.075]. */
  fractions?: number[]
  /** Where the lost part may have been, per axis: 0 all before (left/top), 1 all after. Default quarters. */
  splits?: number[]
}

const defaultFractions = [0.025, 0.05, 0.075]
const defaultSplits = [0, 0.25, 0.5, 0.75, 1]

/**
 * PDQ hashes of a possibly cropped copy, re-framed as the picture it may have been cut from: for every
 * guess of how much was cut (`fractions`) and from which sides (`splits` on each axis), the copy's blurred
 * luminance is sampled on the 64×64 grid of the larger frame, edges extended. One guess lands near the
 * real crop, and its hash near the original's.
 *
 * Why: PDQ is a global DCT, so a crop rescales and shifts every frequency; 5% off one corner moves a hash
 * about as far as an unrelated picture. Hashing the copy's plausible original frames puts a 5% crop back
 * within the match threshold most of the time (about 9 in 10 on our benchmark; 8% crops about 2 in 3), at
 * the price of more lookups (75 by default) and a wider net for false matches. These are query-side hashes:
 * never index them.
 *
 * The blur is computed once; each guess costs a 64×64 bilinear resample, the DCT and the median (about
 * 0.3 ms), so the default 75 guesses take about 20 ms.
 *
 * @example
 * const queries = [hash, ...pdqReframedHashes({ data, width, height, channels })]
 */
export function pdqReframedHashes(parameters: PdqReframedHashesParameters): Hex[] {
  const { width, height } = parameters
  if (width < pdqMinSide || height < pdqMinSide) return []
  return reframedHashesFromBlur(pdqBlur(parameters), width, height, parameters)
}

/** {@link pdqReframedHashes} from luminance already blurred by `pdqBlur` (shared with the plain hash). */
export function reframedHashesFromBlur(
  blurred: Float32Array,
  width: number,
  height: number,
  { fractions = defaultFractions, splits = defaultSplits }: { fractions?: number[]; splits?: number[] } = {},
): Hex[] {
  const hashes = new Set<Hex>()
  for (const fraction of fractions)
    for (const splitY of splits)
      for (const splitX of splits) {
        const grid = resample(blurred, width, height, fraction, splitX, splitY)
        hashes.add(pdqBits(pdqDct16(grid)))
      }
  return [...hashes]
}

/**
 * The 64×64 grid of a frame 1 / (1 − fraction) times the copy's size, the copy placed at `splitX`, `splitY`
 * of the spare room; positions outside the copy take its nearest edge.
 */
function resample(
  luma: Float32Array,
  width: number,
  height: number,
  fraction: number,
  splitX: number,
  splitY: number,
): Float32Array {
  const n = pdqGridSize
  const out = new Float32Array(n * n)
  const scale = 1 / (1 - fraction) // frame size in copy sizes
  const xs = axis(width, scale, splitX)
  const ys = axis(height, scale, splitY)
  for (let i = 0; i < n; i++) {
    const y0 = ys.low[i]!
    const y1 = ys.high[i]!
    const fy = ys.weight[i]!
    for (let j = 0; j < n; j++) {
      const x0 = xs.low[j]!
      const x1 = xs.high[j]!
      const fx = xs.weight[j]!
      const top = luma[y0 * width + x0]! * (1 - fx) + luma[y0 * width + x1]! * fx
      const bottom = luma[y1 * width + x0]! * (1 - fx) + luma[y1 * width + x1]! * fx
      out[i * n + j] = top * (1 - fy) + bottom * fy
    }
  }
  return out
}

/** Bilinear taps along one axis: grid cell centres of the frame, mapped into the copy's pixel centres. */
function axis(size: number, scale: number, split: number) {
  const n = pdqGridSize
  const low = new Int32Array(n)
  const high = new Int32Array(n)
  const weight = new Float32Array(n)
  const offset = (scale - 1) * split // copy sizes of frame before the copy
  for (let i = 0; i < n; i++) {
    const position = (((i + 0.5) / n) * scale - offset) * size - 0.5
    const clamped = Math.min(size - 1, Math.max(0, position))
    const base = Math.floor(clamped)
    low[i] = base
    high[i] = Math.min(size - 1, base + 1)
    weight[i] = clamped - base
  }
  return { low, high, weight }
}
