import { BaseError } from '../errors/BaseError.js'

/** The media type is not one c2pa-wasm can carry a manifest in (or not one we accept). */
export class UnsupportedFormatError extends BaseError {
  override name = 'UnsupportedFormatError'
  constructor(mediaType: string, details?: string) {
    super(`Content Credentials cannot be embedded in or read from "${mediaType}" files.`, {
      code: 'unsupported_format',
      details,
    })
  }
}

/** The certificate chain or private key given to sign a manifest is unusable. */
export class InvalidSignerError extends BaseError {
  override name = 'InvalidSignerError'
  constructor(reason: string, cause?: unknown) {
    super(`Cannot sign Content Credentials: ${reason}.`, { code: 'invalid_signer', cause })
  }
}

/** The bytes are not a readable file of the declared media type (truncated, or a lying header). */
export class InvalidAssetError extends BaseError {
  override name = 'InvalidAssetError'
  constructor(mediaType: string, details?: string, cause?: unknown) {
    super(`The file is not a readable ${mediaType} file.`, { code: 'invalid_asset', details, cause })
  }
}

/** The file carries C2PA data that cannot be parsed at all (as opposed to parsed and found invalid). */
export class CorruptManifestError extends BaseError {
  override name = 'CorruptManifestError'
  constructor(details?: string, cause?: unknown) {
    super('The file carries Content Credentials that cannot be parsed.', {
      code: 'corrupt_manifest',
      details,
      cause,
    })
  }
}

/** c2pa-wasm refused to build or sign the manifest. */
export class EmbedFailedError extends BaseError {
  override name = 'EmbedFailedError'
  constructor(details?: string, cause?: unknown) {
    super('Content Credentials could not be embedded.', { code: 'c2pa_embed_failed', details, cause })
  }
}

/** The bytes to embed into are not the file the record describes (their sha256 differs). */
export class ContentMismatchError extends BaseError {
  override name = 'ContentMismatchError'
  constructor(expected: string, actual: string) {
    super(
      'The file is not the one the record describes: its sha256 differs from the record’s content hash.',
      {
        code: 'content_mismatch',
        details: `record ${expected}, file ${actual}`,
      },
    )
  }
}

/**
 * The file points to credentials stored at a URL instead of embedding them. We never fetch it: the
 * URL is the file author's choice, and a server that followed it could be made to call anywhere.
 */
export class RemoteManifestError extends BaseError {
  override name = 'RemoteManifestError'
  readonly url: string | undefined
  constructor(url: string | undefined, cause?: unknown) {
    super('The file’s Content Credentials are stored remotely and were not fetched.', {
      code: 'remote_manifest',
      details: url,
      cause,
    })
    this.url = url
  }
}
