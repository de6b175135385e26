import type { TypedDataToPrimitiveTypes } from 'abitype'
import type { recordTypes } from './eip712.js'
import { origins, type ProvenanceRecord } from './types.js'

/** A record in the shape viem's typed-data and contract calls expect (bigints, origin as its index). */
export type RecordMessage = TypedDataToPrimitiveTypes<typeof recordTypes>['Record']

export function toTypedMessage(record: ProvenanceRecord): RecordMessage {
  return {
    creator: record.creator,
    contentHash: record.contentHash,
    size: BigInt(record.size),
    mediaType: record.mediaType,
    origin: origins.indexOf(record.origin),
    model: record.model,
    parents: [...record.parents],
    metadataHash: record.metadataHash,
    createdAt: BigInt(record.createdAt),
  }
}

/** The inverse of {@link toTypedMessage}, for records read back from logs or calls. */
export function fromTypedMessage(message: {
  creator: `0x${string}`
  contentHash: `0x${string}`
  size: bigint
  mediaType: string
  origin: number
  model: string
  parents: readonly `0x${string}`[]
  metadataHash: `0x${string}`
  createdAt: bigint
}): ProvenanceRecord {
  const origin = origins[message.origin]
  if (!origin) throw new RangeError(`origin index ${message.origin} out of range`)
  return {
    creator: message.creator,
    contentHash: message.contentHash,
    size: Number(message.size),
    mediaType: message.mediaType,
    origin,
    model: message.model,
    parents: message.parents,
    metadataHash: message.metadataHash,
    createdAt: Number(message.createdAt),
  }
}
