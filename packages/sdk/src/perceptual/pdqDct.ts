import { pdqGridSize } from './pdqDownsample.js'

/** The side of the block of DCT coefficients PDQ keeps: 16×16 = 256 bits. */
export const pdqDctSize = 16

// Rows 1..16 of the orthonormal DCT-II basis over 64 samples. Row 0 (the mean) is skipped: brightness
// alone should not flip bits. Computed once; 16×64 doubles.
const basis = (() => {
  const n = pdqGridSize
  const scale = Math.sqrt(2 / n)
  const m = new Float64Array(pdqDctSize * n)
  for (let u = 0; u < pdqDctSize; u++)
    for (let x = 0; x < n; x++) m[u * n + x] = scale * Math.cos((Math.PI / (2 * n)) * (u + 1) * (2 * x + 1))
  return m
})()

/**
 * The 16×16 low-frequency corner (frequencies 1..16 on each axis) of the 2D DCT of a 64×64 row-major image,
 * as D·A·Dᵀ: entry (i, j) is vertical frequency i + 1 and horizontal frequency j + 1, row-major.
 * Only the needed rows of the transform are computed (about 80k multiply-adds), as the reference does.
 */
export function pdqDct16(image64: Float32Array): Float64Array {
  const n = pdqGridSize
  const k = pdqDctSize
  // t = D·A: 16 × 64.
  const t = new Float64Array(k * n)
  for (let u = 0; u < k; u++) {
    const row = u * n
    for (let y = 0; y < n; y++) {
      const d = basis[row + y]!
      const a = y * n
      for (let x = 0; x < n; x++) t[row + x]! += d * image64[a + x]!
    }
  }
  // out = t·Dᵀ: 16 × 16.
  const out = new Float64Array(k * k)
  for (let u = 0; u < k; u++) {
    for (let v = 0; v < k; v++) {
      let sum = 0
      for (let x = 0; x < n; x++) sum += t[u * n + x]! * basis[v * n + x]!
      out[u * k + v] = sum
    }
  }
  return out
}
