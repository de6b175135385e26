import type { ContentCredentials } from './contentCredentials.js'
import {
  type CorruptManifestError,
  InvalidAssetError,
  type RemoteManifestError,
  type UnsupportedFormatError,
} from './errors.js'
import { isNoManifest, toReadError } from './libraryErrors.js'
import { loadC2pa } from './loadC2pa.js'
import { normalizeMediaType } from './mediaTypes.js'
import { readerSettings } from './readerSettings.js'
import { summarizeManifestStore } from './summarizeManifestStore.js'

export type ReadContentCredentialsParameters = {
  bytes: Uint8Array
  /** The declared type; c2pa-wasm also sniffs the bytes, so a wrong but supported type still reads. */
  mediaType: string
  /** PEM certificates to trust as roots (the CAs of the signers you vouch for). */
  trustAnchorsPem?: string
}

export type ReadContentCredentialsReturnType = ContentCredentials | undefined

export type ReadContentCredentialsErrorType =
  | UnsupportedFormatError
  | InvalidAssetError
  | CorruptManifestError
  | RemoteManifestError

/**
 * Reads and validates the C2PA manifest in a file, ours or anyone's, with the official c2pa-rs
 * validation (hashes, signature, certificate profile, trust against `trustAnchorsPem`). Returns
 * undefined when the file has no manifest. A manifest that parses but fails a check is returned with
 * `validation.state` `invalid` and the library's codes; one that cannot be parsed throws
 * CorruptManifestError. Nothing is fetched over the network: a file whose credentials live at a URL
 * throws RemoteManifestError with that URL.
 *
 * @example
 * const credentials = await readContentCredentials({ bytes, mediaType: 'image/jpeg', trustAnchorsPem })
 * if (credentials?.validation.state === 'trusted') console.log(credentials.activeManifest.signer.commonName)
 */
export async function readContentCredentials({
  bytes,
  mediaType,
  trustAnchorsPem,
}: ReadContentCredentialsParameters): Promise<ReadContentCredentialsReturnType> {
  const type = normalizeMediaType(mediaType)
  if (bytes.length === 0) throw new InvalidAssetError(type, 'the file is empty')
  const { WasmReader } = await loadC2pa()
  let reader: Awaited<ReturnType<typeof WasmReader.fromBytes>>
  try {
    reader = await WasmReader.fromBytes(type, bytes, readerSettings({ trustAnchorsPem }))
  } catch (error) {
    if (isNoManifest(error)) return undefined
    throw toReadError(error, type)
  }
  try {
    return summarizeManifestStore(reader.manifestStore())
  } finally {
    reader.free()
  }
}
