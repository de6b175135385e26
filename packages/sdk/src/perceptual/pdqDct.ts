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
 * rows of the transform are computed (about 80k multiply-adds), as the reference does. Both stages are dot
 * products over contiguous memory with four running sums, which lets V8 keep them in registers and overlap
 * the multiplications (about twice as fast as one sum; re-framed lookups run this 75 times).
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
      let s0 = 0
      let s1 = 0
      let s2 = 0
      let s3 = 0
      for (let x = 0; x < n; x += 4) {
        s0 += image64[a + x]! * basis[d + x]!
        s1 += image64[a + x + 1]! * basis[d + x + 1]!
        s2 += image64[a + x + 2]! * basis[d + x + 2]!
        s3 += image64[a + x + 3]! * basis[d + x + 3]!
      }
      p[v * n + y] = s0 + s1 + s2 + s3
    }
  }
  // Then along columns: out[u][v] = Σy D[u][y]·p[v][y].
  const out = new Float64Array(k * k)
  for (let u = 0; u < k; u++) {
    const d = u * n
    for (let v = 0; v < k; v++) {
      const q = v * n
      let s0 = 0
      let s1 = 0
      let s2 = 0
      let s3 = 0
      for (let y = 0; y < n; y += 4) {
        s0 += basis[d + y]! * p[q + y]!
        s1 += basis[d + y + 1]! * p[q + y + 1]!
        s2 += basis[d + y + 2]! * p[q + y + 2]!
        s3 += basis[d + y + 3]! * p[q + y + 3]!
      }
      out[u * k + v] = s0 + s1 + s2 + s3
    }
  }
  return out
}
