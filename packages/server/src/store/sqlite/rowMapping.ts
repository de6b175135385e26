import type { Hex, Origin } from '@rightflow/sdk'
import type { AnchorMode, BatchStatus, RecordStatus, StoredBatch, StoredRecord } from '../types.js'

export type RecordRow = {
  seq: number
  id: Hex
  creator: Hex
  content_hash: Hex
  size: number
  media_type: string
  origin: Origin
  model: string
  parents: string
  metadata_hash: Hex
  created_at: number
  signature: Hex | ''
  metadata: string | null
  mode: AnchorMode
  status: RecordStatus
  received_at: number
  batch_root: Hex | null
  leaf_index: number | null
  proof: Buffer | null
  chain_tx: Hex | null
  chain_block: number | null
  chain_time: number | null
  chain_log: number | null
  chain_leaf: number | null
}

export type BatchRow = {
  root: Hex
  count: number
  status: BatchStatus
  created_at: number
  tx_hash: Hex | null
  block_number: number | null
  timestamp: number | null
  anchorer: Hex | null
  log_index: number | null
}

export function toStoredRecord(row: RecordRow): StoredRecord {
  return {
    id: row.id,
    seq: row.seq,
    record: {
      creator: row.creator,
      contentHash: row.content_hash,
      size: row.size,
      mediaType: row.media_type,
      origin: row.origin,
      model: row.model,
      parents: JSON.parse(row.parents) as Hex[],
      metadataHash: row.metadata_hash,
      createdAt: row.created_at,
    },
    signature: row.signature,
    metadata: row.metadata ? JSON.parse(row.metadata) : undefined,
    mode: row.mode,
    status: row.status,
    receivedAt: row.received_at,
    batchRoot: row.batch_root ?? undefined,
    leafIndex: row.leaf_index ?? undefined,
    proof: row.proof ? new Uint8Array(row.proof) : undefined,
    chain:
      row.chain_tx && row.chain_block !== null && row.chain_time !== null
        ? {
            txHash: row.chain_tx,
            blockNumber: row.chain_block,
            timestamp: row.chain_time,
            ...(row.chain_log !== null && { logIndex: row.chain_log }),
          }
        : undefined,
  }
}

export function toStoredBatch(row: BatchRow): StoredBatch {
  return {
    root: row.root,
    count: row.count,
    status: row.status,
    createdAt: row.created_at,
    txHash: row.tx_hash ?? undefined,
    blockNumber: row.block_number ?? undefined,
    timestamp: row.timestamp ?? undefined,
    anchorer: row.anchorer ?? undefined,
  }
}
