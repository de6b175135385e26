import { stat } from 'node:fs/promises'
import sharp, { type SharpOptions } from 'sharp'
import type { Hex } from 'viem'
import { BaseError } from '../errors/BaseError.js'
import { pdqBlur } from './pdqDownsample.js'
import { pdqHash, pdqHashFromBlur, pdqMinSide } from './pdqHash.js'
import { reframedHashesFromBlur } from './pdqReframedHashes.js'
import {
  CorruptImageError,
  ImageFileNotFoundError,
  ImageTooLargeError,
  UnsupportedImageError,
} from './perceptualErrors.js'

export type PerceptualHashImageParameters = (
  | { bytes: Uint8Array; path?: undefined }
  | { path: string; bytes?: undefined }
) & {
  /** Refuse images with more pixels than this before decoding them. Default 200 MP. */
  maxPixels?: number
  /**
   * Also return `reframed`: hashes of the image re-framed as the larger picture it may have been cropped
   * from (see `pdqReframedHashes`), for looking up copies that may be cropped. Costs about 25 ms more.
   */
  reframe?: boolean
}

export type PerceptualHashImageReturnType = {
  /** PDQ hash, 0x + 64 hex digits. */
  hash: Hex
  /** PDQ quality 0..100; Meta advises not matching on 49 or less. */
  quality: number
  /** The decoder that read the image: jpeg, png, webp, gif, tiff, heif, svg… */
  format: string
  /** Size of the image as displayed (after its EXIF orientation), before the downsizing for hashing. */
  width: number
  height: number
  /** With `reframe: true`: query-side hashes for cropped copies (never index these). */
  reframed?: Hex[]
}

export type PerceptualHashImageErrorType =
  | UnsupportedImageError
  | CorruptImageError
  | ImageTooLargeError
  | ImageFileNotFoundError

export const defaultMaxImagePixels = 200_000_000

// The reference hasher shrinks anything larger to 512 before its blur, which costs time linear in the pixel
// count and gains nothing: the hash only sees a 64×64 summary. (It squashes to 512×512; we keep the aspect
// ratio, as the blur and decimation squash to 64×64 anyway.)
const hashSide = 512

/**
 * The PDQ perceptual hash of an image file or its bytes, in any format sharp reads. The image is turned
 * upright from its EXIF orientation, transparency is flattened onto white, and it is shrunk to at most
 * 512 pixels on its long side before hashing (JPEG and WebP shrink while decoding, and every decoder reads
 * sequentially, so a 100 MP image is hashed in bounded memory).
 *
 * Hostile input fails with a typed error instead of a crash or a hang: an unrecognised format
 * (`unsupported_image`), undecodable pixels — truncated, corrupt or zero-sized (`corrupt_image`), or more
 * than `maxPixels` pixels as declared by the header, checked before anything is decoded (`image_too_large`).
 * Decoding is strict: any decoder warning is a `corrupt_image`, as sharp advises for untrusted input.
 *
 * @example
 * const { hash, quality } = await perceptualHashImage({ path: 'photo.jpg' })
 * const copy = await perceptualHashImage({ bytes: downloadedBytes })
 * hammingDistance(hash, copy.hash) // ≤ 31: the same picture
 */
export async function perceptualHashImage(
  parameters: PerceptualHashImageParameters,
): Promise<PerceptualHashImageReturnType> {
  const { maxPixels = defaultMaxImagePixels } = parameters
  const input = parameters.bytes ?? parameters.path
  if (input === undefined) throw new TypeError('perceptualHashImage needs { bytes } or { path }')
  const options: SharpOptions = {
    limitInputPixels: maxPixels,
    sequentialRead: true,
    failOn: 'warning',
    autoOrient: true,
  }
  if (parameters.path !== undefined) await checkFile(parameters.path)
  // The header alone first (no pixel is decoded, so no pixel limit yet): its size is checked here and
  // reported in the error, where sharp's own limit would only say "exceeds pixel limit".
  const metadata = await guard(
    () => sharp(input, { ...options, limitInputPixels: false }).metadata(),
    parameters,
  )
  const { width, height } = metadata.autoOrient ?? metadata
  if (!width || !height)
    throw new CorruptImageError(`the header declares ${width ?? 0}×${height ?? 0} pixels`)
  if (width * height > maxPixels) throw new ImageTooLargeError(width, height, maxPixels)
  const { data, info } = await guard(
    () =>
      sharp(input, options)
        .flatten({ background: '#ffffff' })
        .resize(hashSide, hashSide, { fit: 'inside', withoutEnlargement: true })
        .toColourspace('srgb')
        .raw({ depth: 'uchar' })
        // A decoder stuck on crafted input must not hold the caller forever.
        .timeout({ seconds: 60 })
        .toBuffer({ resolveWithObject: true }),
    parameters,
  )
  const pixels = { data, width: info.width, height: info.height, channels: info.channels as 1 | 2 | 3 | 4 }
  const about = { format: metadata.format, width, height }
  if (!parameters.reframe || pixels.width < pdqMinSide || pixels.height < pdqMinSide)
    return { ...pdqHash(pixels), ...about }
  // The blur is most of a hash's cost: done once for the plain hash and the re-framed ones.
  const blurred = pdqBlur(pixels)
  return {
    ...pdqHashFromBlur(blurred, pixels.width, pixels.height),
    ...about,
    reframed: reframedHashesFromBlur(blurred, pixels.width, pixels.height),
  }
}

async function checkFile(path: string): Promise<void> {
  const stats = await stat(path).catch((error: unknown) => {
    throw new ImageFileNotFoundError(path, error)
  })
  if (!stats.isFile()) throw new ImageFileNotFoundError(path)
}

/** Runs a sharp call, turning its failures (thrown at once for some inputs, rejected for most) into ours. */
async function guard<T>(run: () => Promise<T>, { path }: { path?: string | undefined }): Promise<T> {
  try {
    return await run()
  } catch (error) {
    throw toImageError(error, path)
  }
}

// sharp reports every failure as a plain Error; its message is the only thing to tell them apart.
function toImageError(error: unknown, path: string | undefined): BaseError {
  if (error instanceof BaseError) return error
  const message = error instanceof Error ? error.message : String(error)
  const details = message.split('\n')[0]
  if (/Input file is missing/i.test(message) && path !== undefined)
    return new ImageFileNotFoundError(path, error)
  if (/unsupported image format|is empty/i.test(message)) return new UnsupportedImageError(details, error)
  return new CorruptImageError(details, error)
}
