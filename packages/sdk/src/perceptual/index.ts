// The public exports of the perceptual module; re-exported by the package index.
export { hammingDistance, hammingDistanceWords, popcount32 } from './hammingDistance.js'
export { matchConfidence } from './matchConfidence.js'
export {
  defaultMatchDistance,
  type PerceptualAnyMatch,
  PerceptualIndex,
  type PerceptualMatch,
} from './PerceptualIndex.js'
export { type PdqHashParameters, type PdqHashReturnType, pdqBits, pdqHash } from './pdqHash.js'
export { isPerceptualHash, perceptualHashToWords, wordsToPerceptualHash } from './pdqHex.js'
export { type PdqReframedHashesParameters, pdqReframedHashes } from './pdqReframedHashes.js'
export {
  CorruptImageError,
  ImageFileNotFoundError,
  ImageTooLargeError,
  InvalidPerceptualHashError,
  InvalidPixelsError,
  UnsupportedImageError,
} from './perceptualErrors.js'
export {
  defaultMaxImagePixels,
  type PerceptualHashImageErrorType,
  type PerceptualHashImageParameters,
  type PerceptualHashImageReturnType,
  perceptualHashImage,
} from './perceptualHashImage.js'
