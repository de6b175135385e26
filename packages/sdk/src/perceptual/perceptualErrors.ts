import { BaseError } from '../errors/BaseError.js'

/** The bytes are not an image any decoder here knows (or the file is not an image at all). */
export class UnsupportedImageError extends BaseError {
  override name = 'UnsupportedImageError'
  constructor(details?: string, cause?: unknown) {
    super('Not an image in a supported format (JPEG, PNG, WebP, GIF, TIFF, AVIF, HEIF, SVG).', {
      code: 'unsupported_image',
      details,
      cause,
    })
  }
}

/** The image is recognised but its pixels cannot be decoded: truncated, corrupt or lying about its size. */
export class CorruptImageError extends BaseError {
  override name = 'CorruptImageError'
  constructor(details?: string, cause?: unknown) {
    super('The image is truncated or corrupt and cannot be decoded.', {
      code: 'corrupt_image',
      details,
      cause,
    })
  }
}

/** Refused before decoding, so a decompression bomb or a hostile header cannot exhaust memory. */
export class ImageTooLargeError extends BaseError {
  override name = 'ImageTooLargeError'
  constructor(width: number, height: number, maxPixels: number, cause?: unknown) {
    super(
      `The image is ${width}×${height} (${megapixels(width * height)} MP); at most ${megapixels(maxPixels)} MP can be hashed.`,
      { code: 'image_too_large', cause },
    )
  }
}

const megapixels = (pixels: number) => Number((pixels / 1e6).toPrecision(3))

/** The file to hash does not exist or cannot be read. */
export class ImageFileNotFoundError extends BaseError {
  override name = 'ImageFileNotFoundError'
  constructor(path: string, cause?: unknown) {
    super(`No readable image file at ${path}.`, { code: 'image_file_not_found', cause })
  }
}

/** Decoded pixels handed to `pdqHash` do not match their stated shape. */
export class InvalidPixelsError extends BaseError {
  override name = 'InvalidPixelsError'
  constructor(reason: string) {
    super(`Invalid pixels: ${reason}`, { code: 'invalid_pixels' })
  }
}

/** A perceptual hash that is not 0x followed by 64 hex characters. */
export class InvalidPerceptualHashError extends BaseError {
  override name = 'InvalidPerceptualHashError'
  constructor(value: unknown) {
    super(`Not a 256-bit perceptual hash (0x + 64 hex characters): ${String(value).slice(0, 80)}`, {
      code: 'invalid_perceptual_hash',
    })
  }
}
