import { BaseError, type Hex, perceptualHashImage } from '@rightflow/sdk'

/** Media types we compute a PDQ hash for, so washed copies of the image can be found later. */
const hashable = /^image\/(jpeg|png|webp|gif|tiff|avif|heic)$/

export type Perceptual = { hash: Hex; quality: number; reframed?: Hex[] | undefined }

/**
 * The PDQ hash of an image file, or undefined for other files and for images the decoder refuses (a corrupt
 * image is still registered by its exact bytes; `reason` says why it has no perceptual hash).
 */
export async function perceptualOf(
  path: string,
  mediaType: string,
  { reframe = false }: { reframe?: boolean } = {},
): Promise<{ perceptual: Perceptual | undefined; reason?: string }> {
  if (!hashable.test(mediaType)) return { perceptual: undefined }
  try {
    // Re-framed hashes (for finding the original of a cropped copy) are for queries only, never stored.
    const { hash, quality, reframed } = await perceptualHashImage({ path, reframe })
    return { perceptual: { hash, quality, reframed } }
  } catch (error) {
    if (error instanceof BaseError) return { perceptual: undefined, reason: error.shortMessage }
    throw error
  }
}
