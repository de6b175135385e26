import type { Address, Hex } from 'viem'

/** How a work came to be. Order matches the contract's `Origin` enum. */
export const origins = ['human', 'ai', 'ai-assisted', 'composite'] as const
export type Origin = (typeof origins)[number]

/** Origins that must name the AI model that produced the work. */
export const originsRequiringModel: readonly Origin[] = ['ai', 'ai-assisted']

/** Parents a record may name, as the contract's `MAX_PARENTS`. */
export const maxParents = 16

/**
 * A birth certificate: the statement a creator signs (EIP-712 type `Record`).
 * `size` and `createdAt` are safe integers (the contract stores them as uint64).
 */
export type ProvenanceRecord = {
  creator: Address
  /** sha256 of the file's bytes. */
  contentHash: Hex
  size: number
  mediaType: string
  origin: Origin
  /** AI model id; '' for human works. */
  model: string
  /** Record ids of the works this one derives from, strictly ascending. */
  parents: readonly Hex[]
  /** sha256 of the RFC 8785 form of the record's metadata, or the zero hash. */
  metadataHash: Hex
  /** Claimed creation time, unix seconds. */
  createdAt: number
}

/** A record with its creator's EIP-712 signature. */
export type SignedRecord = { record: ProvenanceRecord; signature: Hex }

/** Free-form descriptive metadata whose canonical hash a record commits to. */
export type RecordMetadata = { title?: string; [key: string]: unknown }

export const zeroHash: Hex = '0x0000000000000000000000000000000000000000000000000000000000000000'
