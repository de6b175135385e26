/** Longest edge of the thumbnails we embed: enough for a verify page, small beside the photo. */
export const thumbnailSize = 512

/**
 * A JPEG thumbnail for the manifest, made with sharp. c2pa-rs makes its own only when built with its
 * image feature, which c2pa-wasm is not (its `builder.thumbnail` setting does nothing).
 *
 * @example
 * builder.setThumbnailFromBlob('image/jpeg', toBlob(await makeThumbnail(bytes)))
 */
export async function makeThumbnail(bytes: Uint8Array): Promise<Uint8Array> {
  // Loaded on first use so importing the SDK does not load the native module.
  const { default: sharp } = await import('sharp')
  const jpeg = await sharp(bytes)
    .rotate() // honour EXIF orientation, as viewers show the photo
    .resize({ width: thumbnailSize, height: thumbnailSize, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 75 })
    .toBuffer()
  return new Uint8Array(jpeg.buffer, jpeg.byteOffset, jpeg.length)
}
