import { defaultMatchDistance } from './PerceptualIndex.js'

/**
 * How sure a perceptual match is that two images show the same picture, 0..1.
 *
 * Distance: unrelated PDQ hashes differ in about half their bits (128 ± 8 for independent bits; on our
 * benchmark no unrelated picture came nearer than 86), washed copies of one picture in few: re-encoding,
 * stripping or a mild blur 0–6 typically, resizing or brightening 10–20, a 5% crop (looked up re-framed)
 * 10–30. So confidence is 1 at distance 0 and falls along 1 − (d / (threshold + 1))² to 0 just past the
 * threshold: flat where copies cluster (0.9 at 10), steep where they thin out (0.44 at 24, 0.06 at 31),
 * and 0 beyond, where a match would be a guess.
 *
 * Quality: a hash of a flat or nearly flat image is mostly noise, and such images match each other at small
 * distances. Meta advises against matching on quality ≤ 49, so below 50 confidence is scaled by quality / 100:
 * such a match can say at most "less likely than not".
 *
 * `distance` is the Hamming distance between the two hashes, `quality` the lower of their PDQ quality
 * scores, `threshold` the largest distance still called a match (default 31, Meta's recommendation).
 * Rounded to 3 decimals.
 *
 * @example
 * matchConfidence(4, 92) // 0.984
 * matchConfidence(40, 92) // 0
 */
export function matchConfidence(distance: number, quality: number, threshold = defaultMatchDistance): number {
  if (!(distance >= 0) || !(threshold >= 0)) throw new RangeError('distance and threshold must be ≥ 0')
  const closeness = Math.max(0, 1 - (distance / (threshold + 1)) ** 2)
  const trust = quality >= 50 ? 1 : Math.max(0, quality) / 100
  return Math.round(closeness * trust * 1000) / 1000
}
