import type { Hex, ProvenanceRecord, RecordMetadata } from '@rightflow/sdk'

/**
 * Where a record stands:
 * - pending: signed and stored, waiting for its batch;
 * - batched: in a batch whose root is built (and maybe sent) but not yet seen on chain;
 * - anchored: its batch root or the record itself is on chain, as the indexer saw it.
 * After a chain reset, anchored records go back to batched (or pending, for direct ones) and are re-anchored.
 */
export type RecordStatus = 'pending' | 'batched' | 'anchored'
export type AnchorMode = 'batch' | 'direct'

export type StoredRecord = {
  id: Hex
  seq: number
  record: ProvenanceRecord
  /** Empty for records learned from chain events alone (the contract checked the signature). */
  signature: Hex | ''
  metadata: RecordMetadata | undefined
  mode: AnchorMode
  status: RecordStatus
  receivedAt: number
  batchRoot: Hex | undefined
  leafIndex: number | undefined
  /** Packed siblings, 32 bytes each. */
  proof: Uint8Array | undefined
  /** Where the chain recorded it (the batch's anchor tx, or the direct registration). */
  chain: ChainPosition | undefined
}

/**
 * Where an anchor is on chain. `logIndex` is the anchoring event's place in its block (the batch's
 * BatchAnchored, or the record's own RecordRegistered); undefined until the indexer has seen that event.
 */
export type ChainPosition = {
  txHash: Hex
  blockNumber: number
  timestamp: number
  logIndex?: number | undefined
}

export type NewRecord = {
  id: Hex
  record: ProvenanceRecord
  signature: Hex
  metadata: RecordMetadata | undefined
  mode: AnchorMode
  receivedAt: number
  /** Set for direct records, already written on chain when they are stored. */
  chain?: ChainPosition | undefined
  /** PDQ hash of an image record (from its signed metadata), for finding washed copies. */
  perceptualHash?: Hex | undefined
}

export type BatchStatus = 'built' | 'submitted' | 'anchored'

export type StoredBatch = {
  root: Hex
  count: number
  status: BatchStatus
  createdAt: number
  txHash: Hex | undefined
  blockNumber: number | undefined
  timestamp: number | undefined
  anchorer: Hex | undefined
}

export type BuiltBatch = { root: Hex; ids: Hex[]; proofs: Uint8Array[]; createdAt: number }

/** The indexer's resume point: the last block whose events are fully applied. */
export type ChainCursor = { blockNumber: number; blockHash: Hex }

/** What the indexer applies in one atomic step. */
export type ChainUpdate = {
  anchoredBatches: {
    root: Hex
    count: number
    anchorer: Hex
    txHash: Hex
    blockNumber: number
    timestamp: number
    /** The BatchAnchored event's place in its block. */
    logIndex?: number | undefined
  }[]
  onChainRecords: {
    id: Hex
    record: ProvenanceRecord
    batchRoot: Hex
    txHash: Hex
    blockNumber: number
    timestamp: number
    /** The RecordRegistered event's place in its block. */
    logIndex?: number | undefined
  }[]
  /**
   * Records already on chain proven against an earlier batch (RecordAnchorImproved): their anchor moves to
   * that batch's, whose time is `timestamp`.
   */
  improvedRecords?: { id: Hex; batchRoot: Hex; timestamp: number }[]
  cursor: ChainCursor
}

export type Page<T> = { items: T[]; nextCursor: number | undefined }

/**
 * The one interface every store implements (SQLite embedded, PostgreSQL at scale), pinned down by the
 * shared conformance suite in test/store/conformance.ts. Every write is atomic: it lands whole or not at all.
 * Asynchronous throughout, although SQLite answers synchronously, so that a networked store plugs in
 * without changing a caller.
 */
export interface ProvenanceStore {
  /** Inserts new records; ids already present are skipped and returned as duplicates. */
  insertRecords(records: NewRecord[]): Promise<{ inserted: Hex[]; duplicates: Hex[] }>
  getRecord(id: Hex): Promise<StoredRecord | undefined>
  /** Which of these ids exist. */
  existingIds(ids: readonly Hex[]): Promise<Set<Hex>>
  /**
   * Every record of these bytes, the earliest claim first: anchored records by their earliest anchor (chain
   * time, then block number, then the anchoring event's place in the block, then, within one batch, the
   * record's leaf index: the order the server received them, fixed in the Merkle tree), then records not yet
   * on chain in the order received. The record id breaks only ties nothing else can (a stranger can grind an
   * id that sorts low, never an earlier leaf). Rights in the bytes follow the first one.
   */
  findByContentHash(contentHash: Hex): Promise<StoredRecord[]>
  listByCreator(
    creator: Hex,
    options: { limit: number; after?: number | undefined },
  ): Promise<Page<StoredRecord>>
  childrenOf(id: Hex): Promise<Hex[]>
  /** Every stored perceptual hash, to build the in-memory search index at start. */
  perceptualHashes(): Promise<{ id: Hex; hash: Hex }[]>

  pendingCount(): Promise<number>
  /** receivedAt of the oldest pending record, or undefined when none is pending. */
  oldestPendingAt(): Promise<number | undefined>
  pendingIds(limit: number): Promise<Hex[]>
  /** Stores a built batch and every record's proof, moving its records from pending to batched. */
  saveBatch(batch: BuiltBatch): Promise<void>
  /**
   * Records the transaction that carries a batch. A batch sent again (its earlier transaction never reached the
   * chain) gets the new one; an anchored batch keeps what the chain said.
   */
  markBatchSubmitted(root: Hex, txHash: Hex): Promise<void>
  getBatch(root: Hex): Promise<StoredBatch | undefined>
  /** Batches built or sent but not yet seen on chain, oldest first. */
  unconfirmedBatches(): Promise<StoredBatch[]>

  /** Applies a range of chain events and moves the cursor, atomically. */
  applyChainUpdate(update: ChainUpdate): Promise<void>
  getCursor(): Promise<ChainCursor | undefined>
  /**
   * The chain was reset: forget everything learned from it. Batches go back to 'built' (their roots are
   * re-anchored as they are), direct records we hold signatures for go back to pending, and records known
   * only from the old chain's events are dropped.
   */
  resetChainState(): Promise<{ requeued: number; dropped: number }>

  /**
   * Records that `account` used `nonce` (a signed request's or payment's) and says whether it was fresh.
   * Atomic: of two concurrent calls with the same pair exactly one gets true. Entries may be forgotten once
   * `expiresAt` (unix seconds) has passed, since the signature they belong to is then refused anyway.
   */
  consumeNonce(account: Hex, nonce: Hex, expiresAt: number): Promise<boolean>

  getMeta(key: string): Promise<string | undefined>
  setMeta(key: string, value: string): Promise<void>
  counts(): Promise<{ records: number; pending: number; anchored: number; batches: number }>
  close(): Promise<void>
}
