import type { Address, Hex } from 'viem'
import { sha256Bytes } from '../hash/sha256File.js'
import type { ProvenanceRecord } from '../record/types.js'
import { type C2paSigner, createCoseSigner } from './coseSigner.js'
import {
  ContentMismatchError,
  EmbedFailedError,
  InvalidAssetError,
  type InvalidSignerError,
  type UnsupportedFormatError,
} from './errors.js'
import { isNoManifest, libraryErrorKind, libraryMessage, toReadError } from './libraryErrors.js'
import { type C2paModule, loadC2pa, toBlob } from './loadC2pa.js'
import { manifestDefinition } from './manifestDefinition.js'
import { embeddableMediaType } from './mediaTypes.js'
import { readerSettings } from './readerSettings.js'
import { makeThumbnail } from './thumbnail.js'
import type { TrainingMining } from './trainingMining.js'

export type EmbedContentCredentialsParameters = {
  /** The file as registered: its sha256 must be the record's content hash. */
  bytes: Uint8Array
  /** image/jpeg, image/png or image/webp. */
  mediaType: string
  record: ProvenanceRecord
  recordId: Hex
  chainId: number
  registry: Address
  /** A PEM chain (signing certificate first) and its PKCS#8 P-256 key, ours or an organisation's. */
  signer: C2paSigner
  /** Permissions per CAWG use; every use not given is `notAllowed`. */
  trainingMining?: TrainingMining
  /** Embed a 512-pixel JPEG thumbnail (about 5–30 kB more). Default false. */
  thumbnail?: boolean
  /** The manifest's title, usually the file name. */
  title?: string
  /** An IPTC digital source type to state instead of the one derived from the record's origin. */
  digitalSourceType?: string
}

export type EmbedContentCredentialsReturnType = {
  /** The file with the manifest embedded. */
  bytes: Uint8Array
  manifestBytesAdded: number
  /** The file already carried Content Credentials; they were kept as the `parentOf` ingredient. */
  keptExistingCredentials: boolean
}

export type EmbedContentCredentialsErrorType =
  | UnsupportedFormatError
  | InvalidAssetError
  | ContentMismatchError
  | InvalidSignerError
  | EmbedFailedError

/** The ingredient id (internal to the builder) under which credentials already in the file are kept. */
const existingIngredientId = 'rightflow.existing-credentials'

/**
 * Signs a C2PA manifest for a registered file and embeds it: actions with the origin's IPTC digital
 * source type (the AI model as software agent), the parents as ingredients, the CAWG training-mining
 * permissions and an `org.rightflow.record` assertion pointing at the on-chain record. Credentials the
 * file already carries (a camera's, an AI service's) are kept as the parent ingredient, not replaced.
 *
 * @example
 * const { bytes: signed } = await embedContentCredentials({
 *   bytes, mediaType: 'image/jpeg', record, recordId, chainId: 31337, registry,
 *   signer: { chainPem, privateKeyPem }, title: 'harbour.jpg',
 * })
 */
export async function embedContentCredentials(
  p: EmbedContentCredentialsParameters,
): Promise<EmbedContentCredentialsReturnType> {
  const mediaType = embeddableMediaType(p.mediaType)
  if (p.bytes.length === 0) throw new InvalidAssetError(mediaType, 'the file is empty')
  const actual = sha256Bytes(p.bytes)
  if (actual !== p.record.contentHash.toLowerCase())
    throw new ContentMismatchError(p.record.contentHash, actual)
  const signer = createCoseSigner(p.signer)
  const c2pa = await loadC2pa()
  const keptExistingCredentials = await hasManifest(c2pa, mediaType, p.bytes)
  const definition = manifestDefinition({
    ...p,
    mediaType,
    existingIngredientId: keptExistingCredentials ? existingIngredientId : undefined,
  })
  const thumbnail = p.thumbnail ? await makeThumbnail(p.bytes) : undefined

  let builder: ReturnType<C2paModule['WasmBuilder']['fromJson']> | undefined
  try {
    builder = c2pa.WasmBuilder.fromJson(JSON.stringify(definition))
    if (keptExistingCredentials) {
      const ingredient = {
        title: p.title ?? 'original',
        relationship: 'parentOf',
        label: existingIngredientId,
      }
      await builder.addIngredientFromBlob(JSON.stringify(ingredient), mediaType, toBlob(p.bytes))
    }
    if (thumbnail) builder.setThumbnailFromBlob('image/jpeg', toBlob(thumbnail))
    const signed = await builder.sign(signer, [], mediaType, toBlob(p.bytes))
    return { bytes: signed, manifestBytesAdded: signed.length - p.bytes.length, keptExistingCredentials }
  } catch (error) {
    throw toEmbedError(error, mediaType)
  } finally {
    builder?.free()
  }
}

/**
 * Whether the file already has a manifest. One that cannot be parsed counts as none: it proves
 * nothing, and the new manifest replaces it.
 */
async function hasManifest(c2pa: C2paModule, mediaType: string, bytes: Uint8Array): Promise<boolean> {
  try {
    const reader = await c2pa.WasmReader.fromBytes(mediaType, bytes, readerSettings({ validate: false }))
    reader.free()
    return true
  } catch (error) {
    if (isNoManifest(error)) return false
    const mapped = toReadError(error, mediaType)
    if (mapped instanceof InvalidAssetError) throw mapped
    return false
  }
}

function toEmbedError(error: unknown, mediaType: string): InvalidAssetError | EmbedFailedError {
  const kind = libraryErrorKind(error)
  if (kind === 'InvalidAsset' || kind === 'IoError' || kind === 'UnsupportedType')
    return new InvalidAssetError(mediaType, libraryMessage(error), error)
  // c2pa-rs validates what it signed; name the failing checks instead of its whole debug dump.
  const failures = /failure: \[(.*?)\]/s.exec(libraryMessage(error))?.[1]
  const codes = failures ? [...failures.matchAll(/code: "([^"]+)"/g)].map((m) => m[1]) : []
  return new EmbedFailedError(
    codes.length
      ? `the signed manifest fails validation: ${codes.join(', ')}`
      : libraryMessage(error).slice(0, 500),
    error,
  )
}
