import type { BaseError } from '../errors/BaseError.js'
import {
  CorruptManifestError,
  InvalidAssetError,
  RemoteManifestError,
  UnsupportedFormatError,
} from './errors.js'
import { readableMediaTypes } from './mediaTypes.js'

/**
 * c2pa-wasm rejects with a bare string such as `C2pa(JumbfNotFound)` or
 * `C2pa(InvalidAsset("Could not parse input JPEG"))`; this returns it, whatever was thrown.
 */
export function libraryMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** c2pa-rs's error variant: `JumbfNotFound` from `C2pa(JumbfNotFound)`. */
export function libraryErrorKind(error: unknown): string | undefined {
  return /^C2pa\((\w+)/.exec(libraryMessage(error))?.[1]
}

/** The file has no C2PA manifest at all (as opposed to one that fails to parse). */
export function isNoManifest(error: unknown): boolean {
  return libraryErrorKind(error) === 'JumbfNotFound'
}

/**
 * Our error for a failure to read: the library sniffs formats from the bytes, so "unsupported" from
 * it means either a format that cannot carry credentials or bytes that are no known format at all;
 * the declared media type tells which.
 */
export function toReadError(error: unknown, mediaType: string): BaseError {
  const message = libraryMessage(error)
  switch (libraryErrorKind(error)) {
    case 'UnsupportedType':
      return readableMediaTypes.includes(mediaType)
        ? new InvalidAssetError(mediaType, 'the bytes are not in any format c2pa-wasm recognises', error)
        : new UnsupportedFormatError(mediaType)
    case 'InvalidAsset':
    case 'IoError':
      return new InvalidAssetError(mediaType, message, error)
    case 'RemoteManifestUrl':
      return new RemoteManifestError(/RemoteManifestUrl\("(.*)"\)/.exec(message)?.[1], error)
    default:
      return new CorruptManifestError(message, error)
  }
}
