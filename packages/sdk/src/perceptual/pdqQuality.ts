import { pdqGridSize } from './pdqDownsample.js'

/**
 * PDQ's quality score, 0..100, on the 64×64 downsample: the sum of significant neighbour differences,
 * heuristically scaled. Flat or nearly flat images score low; their hashes are mostly noise and Meta
 * recommends not matching on hashes scoring 49 or less.
 *
 * Follows the reference's integer arithmetic: each difference is scaled to percent of full range and
 * truncated toward zero before it is summed (so gentle gradients count for nothing), then the sum is
 * divided by 90 and capped at 100.
 */
export function pdqQuality(image64: Float32Array): number {
  const n = pdqGridSize
  let gradientSum = 0
  for (let y = 0; y < n - 1; y++)
    for (let x = 0; x < n; x++)
      gradientSum += Math.abs(Math.trunc(((image64[y * n + x]! - image64[(y + 1) * n + x]!) * 100) / 255))
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n - 1; x++)
      gradientSum += Math.abs(Math.trunc(((image64[y * n + x]! - image64[y * n + x + 1]!) * 100) / 255))
  return Math.min(100, Math.floor(gradientSum / 90))
}
