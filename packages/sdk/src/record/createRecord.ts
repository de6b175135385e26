import type { Address, Hex } from 'viem'
import { canonicalJson } from '../hash/canonicalJson.js'
import { sha256Bytes } from '../hash/sha256File.js'
import { type Origin, type ProvenanceRecord, type RecordMetadata, zeroHash } from './types.js'
import { validateRecord } from './validateRecord.js'

export type CreateRecordParameters = {
  creator: Address
  contentHash: Hex
  size: number
  mediaType: string
  origin: Origin
  model?: string | undefined
  parents?: readonly Hex[] | undefined
  metadata?: RecordMetadata | undefined
  /** Defaults to now. */
  createdAt?: number | undefined
}

/**
 * Builds a valid record: parents sorted and de-duplicated, metadata hashed in its RFC 8785 form.
 *
 * @example
 * const record = createRecord({ creator, contentHash, size, mediaType: 'image/png', origin: 'human' })
 */
export function createRecord(parameters: CreateRecordParameters): ProvenanceRecord {
  const parents = [...new Set((parameters.parents ?? []).map((p) => p.toLowerCase() as Hex))].sort()
  const record: ProvenanceRecord = {
    creator: parameters.creator,
    contentHash: parameters.contentHash.toLowerCase() as Hex,
    size: parameters.size,
    mediaType: parameters.mediaType,
    origin: parameters.origin,
    model: parameters.model ?? '',
    parents,
    metadataHash: metadataHash(parameters.metadata),
    createdAt: parameters.createdAt ?? Math.floor(Date.now() / 1000),
  }
  validateRecord(record)
  return record
}

/** sha256 of the metadata's canonical JSON; the zero hash for no metadata. */
export function metadataHash(metadata: RecordMetadata | undefined): Hex {
  if (!metadata || Object.keys(metadata).length === 0) return zeroHash
  return sha256Bytes(new TextEncoder().encode(canonicalJson(metadata)))
}
