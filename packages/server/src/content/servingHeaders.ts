/**
 * The headers of every response that carries a work's bytes (uploaded by anyone), in one place. Those bytes are
 * served from the origin of the web app and /docs, so a work that a browser would run (HTML, SVG, XML, a script)
 * must never run there: it could read our pages and act as the visitor. The declared media type is the
 * uploader's word, so it is never trusted to be harmless: only a few passive types (that a browser displays
 * but never executes) are served inline as themselves; anything else is an `application/octet-stream`
 * attachment (a download), its declared type kept in `Rightflow-Media-Type` for programs. Every such response
 * also carries `nosniff` (no guessing HTML from the bytes) and a sandboxing CSP (no script, no same-origin
 * rights, no loads, even if a browser rendered it anyway).
 */

/** Displayed, never executed, by browsers: still images (no SVG), audio, video, plain text. */
export const passiveMediaTypes: ReadonlySet<string> = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'audio/mpeg',
  'audio/ogg',
  'audio/wav',
  'audio/webm',
  'audio/flac',
  'audio/aac',
  'audio/mp4',
  'video/mp4',
  'video/webm',
  'video/ogg',
  'text/plain',
])

/** No scripts, a unique opaque origin, no subresources; inline styles only so a browser's image viewer looks right. */
export const userBytesCsp = "sandbox; default-src 'none'; style-src 'unsafe-inline'"

// RFC 9110 token characters on both sides of the slash: anything else (spaces, CR/LF, quotes) is not a type.
const essencePattern = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/

/** `type/subtype` of a declared media type, lower-cased, without parameters; undefined when it is not one. */
export function mediaTypeEssence(declared: string): string | undefined {
  const essence = declared.split(';')[0]!.trim().toLowerCase()
  return essencePattern.test(essence) ? essence : undefined
}

/**
 * Content headers for serving a work's bytes that the record declares as `declaredMediaType`.
 *
 * @example
 * c.body(bytes, 200, { ...userBytesHeaders(record.mediaType), 'cache-control': 'private, no-store' })
 */
export function userBytesHeaders(declaredMediaType: string): Record<string, string> {
  const essence = mediaTypeEssence(declaredMediaType)
  const passive = essence !== undefined && passiveMediaTypes.has(essence)
  return {
    // Text is always read as UTF-8: a declared charset is the uploader's word too.
    'content-type': !passive
      ? 'application/octet-stream'
      : essence === 'text/plain'
        ? 'text/plain; charset=utf-8'
        : essence,
    'content-disposition': passive ? 'inline' : 'attachment',
    'x-content-type-options': 'nosniff',
    'content-security-policy': userBytesCsp,
    ...(essence ? { 'rightflow-media-type': essence } : {}),
  }
}
