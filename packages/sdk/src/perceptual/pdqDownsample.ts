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
 * One box-filter pass over `length` samples `stride` apart. The window of width `window` is not centred for
 * even widths: output i averages inputs [i - (window - half), i + half - 1] with half = ⌊(window + 2) / 2⌋,
 * clipped at the ends (a shorter window, not zero padding) — the same alignment as the reference, which
 * matters because the decimation below samples fixed positions.
 */
export function boxFilter1D(
  input: Float32Array,
  output: Float32Array,
  offset: number,
  length: number,
  stride: number,
  window: number,
): void {
  const half = (window + 2) >> 1
  const behind = window - half
  let sum = 0
  let count = 0
  // Prime the window with the samples ahead of output 0.
  for (let r = 0; r < half - 1 && r < length; r++) {
    sum += input[offset + r * stride]!
    count++
  }
  for (let i = 0; i < length; i++) {
    const add = i + half - 1
    if (add < length) {
      sum += input[offset + add * stride]!
      count++
    }
    const drop = i - behind - 1
    if (drop >= 0) {
      sum -= input[offset + drop * stride]!
      count--
    }
    output[offset + i * stride] = sum / count
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
    for (let y = 0; y < height; y++) boxFilter1D(a, b, y * width, width, 1, windowAlongRows)
    for (let x = 0; x < width; x++) boxFilter1D(b, a, x, height, width, windowAlongCols)
  }
}

/**
 * Luminance blurred and sampled at the centres of a 64×64 grid, row-major. A 64×64 input is taken as
 * already downsampled (the reference does the same, for video frames scaled by ffmpeg).
 */
export function pdqDownsample(pixels: PdqPixels): Float32Array {
  const { width, height } = pixels
  const luma = pdqLuma(pixels)
  if (width === pdqGridSize && height === pdqGridSize) return luma
  jaroszFilter(luma, new Float32Array(luma.length), width, height)
  const out = new Float32Array(pdqGridSize * pdqGridSize)
  for (let i = 0; i < pdqGridSize; i++) {
    const y = Math.floor(((i + 0.5) * height) / pdqGridSize)
    for (let j = 0; j < pdqGridSize; j++) {
      const x = Math.floor(((j + 0.5) * width) / pdqGridSize)
      out[i * pdqGridSize + j] = luma[y * width + x]!
    }
  }
  return out
}
