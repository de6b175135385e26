import { UnsupportedFormatError } from './errors.js'

/** Media types `embedContentCredentials` writes to: the ones we test end to end. */
export const embeddableMediaTypes = ['image/jpeg', 'image/png', 'image/webp'] as const
export type EmbeddableMediaType = (typeof embeddableMediaTypes)[number]

/**
 * Media types c2pa-wasm 0.13 can read a manifest from (c2pa-rs's asset handlers). It sniffs the bytes
 * too, so a wrong-but-supported type still reads; the list tells "not a format that can carry
 * credentials" from "not a readable file of this format" when it refuses.
 */
export const readableMediaTypes: readonly string[] = [
  ...embeddableMediaTypes,
  'image/gif',
  'image/tiff',
  'image/x-adobe-dng',
  'image/avif',
  'image/heic',
  'image/heif',
  'image/svg+xml',
  'video/mp4',
  'video/quicktime',
  'video/x-msvideo',
  'audio/mp4',
  'audio/mpeg',
  'audio/wav',
  'audio/x-wav',
  'application/pdf',
  'application/c2pa',
]

const aliases: Record<string, string> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/x-png': 'image/png',
}

/**
 * Lower case, without parameters, common aliases folded: `Image/JPG; q=1` → `image/jpeg`.
 *
 * @example
 * normalizeMediaType('image/jpg') // 'image/jpeg'
 */
export function normalizeMediaType(mediaType: string): string {
  const bare = mediaType.split(';')[0]!.trim().toLowerCase()
  return aliases[bare] ?? bare
}

/** The normalised type when credentials can be embedded in it, else an UnsupportedFormatError. */
export function embeddableMediaType(mediaType: string): EmbeddableMediaType {
  const normalized = normalizeMediaType(mediaType)
  if ((embeddableMediaTypes as readonly string[]).includes(normalized))
    return normalized as EmbeddableMediaType
  throw new UnsupportedFormatError(
    mediaType,
    `Embedding is supported for ${embeddableMediaTypes.join(', ')}.`,
  )
}
