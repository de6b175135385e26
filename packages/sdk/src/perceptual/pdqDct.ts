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
 * D·A·Dᵀ: entry (i, j) is vertical frequency i + 1 and horizontal frequency j + 1, row-major. Only the needed
 * rows of the transform are computed (about 80k multiply-adds), as the reference does; both stages are dot
 * products over contiguous memory, so the sums stay in registers.
 */
export function pdqDct16(image64: Float32Array): Float64Array {
  const n = pdqGridSize
  const k = pdqDctSize
  // Along rows first: p[v][y] = Σx A[y][x]·D[v][x], stored transposed (16 × 64) for the next stage.
  const p = new Float64Array(k * n)
  for (let y = 0; y < n; y++) {
    const a = y * n
    for (let v = 0; v < k; v++) {
      const d = v * n
      let sum = 0
      for (let x = 0; x < n; x++) sum += image64[a + x]! * basis[d + x]!
      p[v * n + y] = sum
    }
  }
  // Then along columns: out[u][v] = Σy D[u][y]·p[v][y].
  const out = new Float64Array(k * k)
  for (let u = 0; u < k; u++) {
    const d = u * n
    for (let v = 0; v < k; v++) {
      const q = v * n
      let sum = 0
      for (let y = 0; y < n; y++) sum += basis[d + y]! * p[q + y]!
      out[u * k + v] = sum
    }
  }
  return out
}
