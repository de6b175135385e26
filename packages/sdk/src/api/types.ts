import type { Hex } from 'viem'
import type { ProvenanceRecord, RecordMetadata } from '../record/types.js'

/** A record as the server presents it: the signed statement plus where it stands on chain. */
export type ApiRecord = {
  id: Hex
  record: ProvenanceRecord
  signature: Hex | null
  metadata: RecordMetadata | null
  mode: 'batch' | 'direct'
  status: 'pending' | 'batched' | 'anchored'
  receivedAt: string
  batch: { root: Hex; leafIndex: number; proof: Hex[]; status: string } | null
  /** `logIndex`: the anchoring event's place in its block, once the server's indexer has seen it. */
  chain: { txHash: Hex; blockNumber: number; timestamp: number; logIndex?: number } | null
}

export type IngestResult = { id: Hex; status: 'pending' | 'exists' | 'anchored'; txHash?: Hex }

export type LineageNode = {
  id: Hex
  known: boolean
  origin?: string
  title?: string
  creator?: Hex
  contentHash?: Hex
  status?: string
  next: LineageNode[]
  truncated?: boolean
}

export type Lineage = { ancestors: LineageNode; descendants: LineageNode }

export type Health = {
  status: 'ok' | 'degraded'
  /** What is wrong: `chain_unreachable`, `indexer_error` (503), `relayer_balance_low` (a warning, 200). */
  degraded: string[]
  chain: {
    chainId: number
    caip2: string
    rpcUrl: string
    registry: Hex
    reachable: boolean
    head: number | null
  }
  indexer: { block: number | null; error: string | null }
  /** The account that pays for anchoring and relayed transactions; balance and floor in wei (decimal strings). */
  relayer: { address: Hex | null; balance: string | null; minBalance: string }
  records: { records: number; pending: number; anchored: number; batches: number }
}

export type Submission = {
  record: ProvenanceRecord
  signature: Hex
  metadata?: RecordMetadata | undefined
  mode?: 'batch' | 'direct'
}
