// PDQ's image-domain front end, after Meta's reference (facebook/ThreatExchange, pdq/cpp): luminance, a tent
// blur made of box filters (Jarosz, "Fast Image Convolutions", 2001) and decimation to 64×64.

/** The side of PDQ's downsampled image. */
export const pdqGridSize = 64

/** Pixel rows in memory: 1 (grey), 2 (grey + alpha), 3 (RGB) or 4 (RGBA) interleaved bytes per pixel. */
export type PdqPixels = {
  data: Uint8Array | Uint8ClampedArray
  width: number
  height: number
  channels: 1 | 2 | 3 | 4
}

/**
 * Luminance as the reference computes it (BT.601 weights, on the encoded 8-bit values, no gamma), row-major.
 * Alpha is ignored here: callers that care flatten it first.
 */
export function pdqLuma({ data, width, height, channels }: PdqPixels): Float32Array {
  const n = width * height
  const luma = new Float32Array(n)
  if (channels < 3) {
    for (let p = 0, i = 0; p < n; p++, i += channels) luma[p] = data[i]!
  } else {
    for (let p = 0, i = 0; p < n; p++, i += channels)
      luma[p] = 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!
  }
  return luma
}

/**
 * Box-window width per pass: half of a 64th of the side, rounded up, because two passes of a box make a tent
 * as wide as one output cell (a 1024-pixel side gives 8).
 */
export function jaroszWindowSize(oldSize: number, newSize: number): number {
  return Math.floor((oldSize + 2 * newSize - 1) / (2 * newSize))
}

/**
 * Where the reference's box window sits: output i averages inputs [i − behind, i + ahead], clipped at the
 * ends (a shorter window, not zero padding). Even widths are not centred — half = ⌊(window + 2) / 2⌋,
 * ahead = half − 1, behind = window − half — and we keep that alignment because the decimation below
 * samples fixed positions.
 */
function boxExtent(window: number): { ahead: number; behind: number } {
  const half = (window + 2) >> 1
  return { ahead: half - 1, behind: window - half }
}

/** A box filter along every row of `input` into `output`: growing window, full window, shrinking window. */
export function boxAlongRows(
  input: Float32Array,
  output: Float32Array,
  width: number,
  height: number,
  window: number,
): void {
  const { ahead, behind } = boxExtent(window)
  // Outputs [0, head) lack inputs behind them; outputs [tail, width) lack inputs ahead.
  const head = Math.min(width, behind + 1)
  const tail = Math.max(head, width - ahead)
  const full = 1 / window
  for (let row = 0; row < width * height; row += width) {
    let sum = 0
    let count = 0
    for (let r = 0; r < Math.min(ahead, width); r++, count++) sum += input[row + r]!
    let x = 0
    for (; x < head; x++) {
      if (x + ahead < width) {
        sum += input[row + x + ahead]!
        count++
      }
      output[row + x] = sum / count
    }
    for (; x < tail; x++) {
      sum += input[row + x + ahead]! - input[row + x - behind - 1]!
      output[row + x] = sum * full
    }
    for (; x < width; x++) {
      if (x + ahead < width) {
        sum += input[row + x + ahead]!
        count++
      }
      if (x > behind) {
        sum -= input[row + x - behind - 1]!
        count--
      }
      output[row + x] = sum / count
    }
  }
}

/**
 * A box filter along every column, walking rows so memory is read in order: one running sum per column
 * instead of a strided pass per column (about four times faster at 512×512).
 */
export function boxAlongColumns(
  input: Float32Array,
  output: Float32Array,
  width: number,
  height: number,
  window: number,
): void {
  const { ahead, behind } = boxExtent(window)
  const sums = new Float64Array(width)
  let count = 0
  for (let r = 0; r < ahead && r < height; r++, count++)
    for (let x = 0, at = r * width; x < width; x++) sums[x]! += input[at + x]!
  for (let y = 0; y < height; y++) {
    const add = y + ahead < height ? (y + ahead) * width : -1
    const drop = y > behind ? (y - behind - 1) * width : -1
    if (add >= 0) count++
    if (drop >= 0) count--
    const scale = 1 / count
    const at = y * width
    if (add >= 0 && drop >= 0) {
      // The common case, fused into one pass over the row.
      for (let x = 0; x < width; x++) {
        const sum = sums[x]! + input[add + x]! - input[drop + x]!
        sums[x] = sum
        output[at + x] = sum * scale
      }
      continue
    }
    if (add >= 0) for (let x = 0; x < width; x++) sums[x]! += input[add + x]!
    if (drop >= 0) for (let x = 0; x < width; x++) sums[x]! -= input[drop + x]!
    for (let x = 0; x < width; x++) output[at + x] = sums[x]! * scale
  }
}

/**
 * The reference's blur: `passes` rounds of a box along each row then along each column, in place in `a`
 * (`b` is scratch of the same size). Two rounds make the tent filter.
 */
export function jaroszFilter(
  a: Float32Array,
  b: Float32Array,
  width: number,
  height: number,
  passes = 2,
): void {
  const windowAlongRows = jaroszWindowSize(width, pdqGridSize)
  const windowAlongCols = jaroszWindowSize(height, pdqGridSize)
  for (let pass = 0; pass < passes; pass++) {
    boxAlongRows(a, b, width, height, windowAlongRows)
    boxAlongColumns(b, a, width, height, windowAlongCols)
  }
}

/**
 * Luminance blurred by the tent filter, full size, row-major: what the 64×64 grid is sampled from. At 64×64
 * the windows are 1 pixel wide and the blur is the identity, as the reference's shortcut for frames ffmpeg
 * already scaled.
 */
export function pdqBlur(pixels: PdqPixels): Float32Array {
  const luma = pdqLuma(pixels)
  jaroszFilter(luma, new Float32Array(luma.length), pixels.width, pixels.height)
  return luma
}

/** The blurred luminance sampled at the centres of a 64×64 grid, row-major (the reference's decimation). */
export function pdqDecimate(blurred: Float32Array, width: number, height: number): Float32Array {
  const out = new Float32Array(pdqGridSize * pdqGridSize)
  for (let i = 0; i < pdqGridSize; i++) {
    const y = Math.floor(((i + 0.5) * height) / pdqGridSize)
    for (let j = 0; j < pdqGridSize; j++) {
      const x = Math.floor(((j + 0.5) * width) / pdqGridSize)
      out[i * pdqGridSize + j] = blurred[y * width + x]!
    }
  }
  return out
}

/** PDQ's 64×64 downsample of an image: blur, then decimate. */
export function pdqDownsample(pixels: PdqPixels): Float32Array {
  return pdqDecimate(pdqBlur(pixels), pixels.width, pixels.height)
}
