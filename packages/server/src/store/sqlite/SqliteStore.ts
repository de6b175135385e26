import type { Hex } from '@rightflow/sdk'
import type Database from 'better-sqlite3'
import type {
  BuiltBatch,
  ChainCursor,
  ChainPosition,
  ChainUpdate,
  NewRecord,
  Page,
  ProvenanceStore,
  StoredBatch,
  StoredRecord,
} from '../types.js'
import { openSqlite } from './openSqlite.js'
import { type BatchRow, type RecordRow, toStoredBatch, toStoredRecord } from './rowMapping.js'
import { addLaterColumns, initialiseCounters, schema } from './schema.js'

const zeroRoot = `0x${'0'.repeat(64)}`

/**
 * The embedded store: one SQLite file in WAL mode. Every multi-row write runs in one transaction, so a
 * crash (even kill -9) leaves either all of it or none of it.
 */
export class SqliteStore implements ProvenanceStore {
  private readonly db: Database.Database
  private readonly statements

  constructor(path: string) {
    this.db = openSqlite(path)
    this.db.pragma('foreign_keys = ON')
    // Checkpoint the WAL less often than the default 1,000 pages: ingest writes in bursts, and each
    // checkpoint copies pages back into the database file. Durability is unchanged.
    this.db.pragma('wal_autocheckpoint = 10000')
    this.db.exec(schema)
    addLaterColumns(this.db)
    initialiseCounters(this.db)
    const db = this.db
    this.statements = {
      insertRecord: db.prepare(
        `INSERT OR IGNORE INTO records (id, creator, content_hash, size, media_type, origin, model, parents,
           metadata_hash, created_at, signature, metadata, mode, status, received_at, chain_tx, chain_block, chain_time,
           chain_log)
         VALUES (@id, @creator, @contentHash, @size, @mediaType, @origin, @model, @parents,
           @metadataHash, @createdAt, @signature, @metadata, @mode, @status, @receivedAt, @txHash, @blockNumber, @timestamp,
           @logIndex)`,
      ),
      insertEdge: db.prepare('INSERT OR IGNORE INTO edges (parent, child) VALUES (?, ?)'),
      insertPerceptual: db.prepare('INSERT OR IGNORE INTO perceptual (id, hash) VALUES (?, ?)'),
      perceptual: db.prepare('SELECT id, hash FROM perceptual'),
      byId: db.prepare('SELECT * FROM records WHERE id = ?'),
      exists: db.prepare('SELECT 1 FROM records WHERE id = ?').pluck(),
      // Earliest claim first (see ProvenanceStore.findByContentHash). Within a block, the anchoring log's place
      // (unknown last); within one batch's log, the leaf the server gave the record in the order it received
      // them (unknown last). Only then the id, which a stranger can grind to sort low.
      byContentHash: db.prepare(
        `SELECT * FROM records WHERE content_hash = ?
         ORDER BY chain_time IS NULL, chain_time, chain_block, chain_log IS NULL, chain_log,
           chain_leaf IS NULL, chain_leaf, CASE WHEN chain_time IS NULL THEN seq END, id`,
      ),
      byCreator: db.prepare('SELECT * FROM records WHERE creator = ? AND seq > ? ORDER BY seq LIMIT ?'),
      children: db.prepare('SELECT child FROM edges WHERE parent = ? ORDER BY child').pluck(),
      pendingCount: db.prepare("SELECT count(*) FROM records WHERE status = 'pending'").pluck(),
      oldestPending: db.prepare("SELECT min(received_at) FROM records WHERE status = 'pending'").pluck(),
      pendingIds: db.prepare("SELECT id FROM records WHERE status = 'pending' ORDER BY seq LIMIT ?").pluck(),
      insertBatch: db.prepare(
        "INSERT INTO batches (root, count, status, created_at) VALUES (?, ?, 'built', ?)",
      ),
      batchRecord: db.prepare(
        "UPDATE records SET status = 'batched', batch_root = ?, leaf_index = ?, proof = ? WHERE id = ? AND status = 'pending'",
      ),
      submitBatch: db.prepare(
        "UPDATE batches SET status = 'submitted', tx_hash = ? WHERE root = ? AND status != 'anchored'",
      ),
      batch: db.prepare('SELECT * FROM batches WHERE root = ?'),
      unconfirmed: db.prepare("SELECT * FROM batches WHERE status != 'anchored' ORDER BY created_at, root"),
      upsertAnchoredBatch: db.prepare(
        `INSERT INTO batches (root, count, status, created_at, tx_hash, block_number, timestamp, anchorer, log_index)
         VALUES (@root, @count, 'anchored', @timestamp, @txHash, @blockNumber, @timestamp, @anchorer, @logIndex)
         ON CONFLICT (root) DO UPDATE SET status = 'anchored', tx_hash = @txHash, block_number = @blockNumber,
           timestamp = @timestamp, anchorer = @anchorer, log_index = @logIndex`,
      ),
      anchorBatchRecords: db.prepare(
        `UPDATE records SET status = 'anchored', chain_tx = @txHash, chain_block = @blockNumber, chain_time = @timestamp,
           chain_log = @logIndex, chain_leaf = leaf_index
         WHERE batch_root = @root AND status != 'anchored'`,
      ),
      // A direct registration of a record already anchored earlier (a front-run of a public batched record)
      // never makes it look later: the earliest anchor stays. A direct record the server stored itself learns
      // its log's place here, when the indexer sees its event.
      anchorDirectRecord: db.prepare(
        `UPDATE records SET status = 'anchored', mode = 'direct', chain_tx = @txHash, chain_block = @blockNumber,
           chain_time = @timestamp, chain_log = @logIndex, chain_leaf = NULL
         WHERE id = @id AND (chain_time IS NULL OR chain_time > @timestamp
           OR (chain_tx = @txHash AND chain_log IS NULL))`,
      ),
      anchoredBatchPosition: db.prepare(
        `SELECT tx_hash AS txHash, block_number AS blockNumber, timestamp, log_index AS logIndex
         FROM batches WHERE root = ? AND status = 'anchored'`,
      ),
      // The record's leaf is known only in the batch the server put it in (@root null: no batch's anchor).
      improveAnchor: db.prepare(
        `UPDATE records SET chain_tx = @txHash, chain_block = @blockNumber, chain_time = @timestamp,
           chain_log = @logIndex, chain_leaf = CASE WHEN batch_root = @root THEN leaf_index END
         WHERE id = @id AND status = 'anchored' AND chain_time > @timestamp`,
      ),
      statusOf: db.prepare('SELECT status FROM records WHERE id = ?').pluck(),
      bump: db.prepare('UPDATE counters SET value = value + ? WHERE name = ?'),
      getMeta: db.prepare('SELECT value FROM meta WHERE key = ?').pluck(),
      insertNonce: db.prepare(
        'INSERT INTO used_nonces (account, nonce, expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
      ),
      pruneNonces: db.prepare('DELETE FROM used_nonces WHERE expires_at < ?'),
      setMeta: db.prepare(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
      // Kept by triggers (schema.ts): counting a million rows on every /health would stall the server.
      counts: db.prepare(
        `SELECT (SELECT value FROM counters WHERE name = 'records') AS records,
           (SELECT value FROM counters WHERE name = 'status:pending') AS pending,
           (SELECT value FROM counters WHERE name = 'status:anchored') AS anchored,
           (SELECT count(*) FROM batches) AS batches`,
      ),
    }
  }

  async insertRecords(records: NewRecord[]): Promise<{ inserted: Hex[]; duplicates: Hex[] }> {
    return this.db.transaction(() => {
      const inserted: Hex[] = []
      const duplicates: Hex[] = []
      const added = { pending: 0, anchored: 0 }
      for (const entry of records) {
        const status = entry.chain ? 'anchored' : 'pending'
        if (this.insertOne(entry, entry.signature, status).changes === 0) duplicates.push(entry.id)
        else {
          inserted.push(entry.id)
          added[status]++
        }
      }
      this.count('records', inserted.length)
      this.count('status:pending', added.pending)
      this.count('status:anchored', added.anchored)
      return { inserted, duplicates }
    })()
  }

  private insertOne(entry: Omit<NewRecord, 'signature'>, signature: Hex | '', status: string) {
    const { record } = entry
    const result = this.statements.insertRecord.run({
      id: entry.id,
      creator: record.creator.toLowerCase(),
      contentHash: record.contentHash,
      size: record.size,
      mediaType: record.mediaType,
      origin: record.origin,
      model: record.model,
      parents: JSON.stringify(record.parents),
      metadataHash: record.metadataHash,
      createdAt: record.createdAt,
      signature,
      metadata: entry.metadata ? JSON.stringify(entry.metadata) : null,
      mode: entry.mode,
      status,
      receivedAt: entry.receivedAt,
      txHash: entry.chain?.txHash ?? null,
      blockNumber: entry.chain?.blockNumber ?? null,
      timestamp: entry.chain?.timestamp ?? null,
      logIndex: entry.chain?.logIndex ?? null,
    })
    if (result.changes > 0) {
      for (const parent of record.parents) this.statements.insertEdge.run(parent, entry.id)
      if (entry.perceptualHash) this.statements.insertPerceptual.run(entry.id, entry.perceptualHash)
    }
    return result
  }

  async getRecord(id: Hex): Promise<StoredRecord | undefined> {
    const row = this.statements.byId.get(id) as RecordRow | undefined
    return row && toStoredRecord(row)
  }

  async existingIds(ids: readonly Hex[]): Promise<Set<Hex>> {
    return new Set(ids.filter((id) => this.statements.exists.get(id) !== undefined))
  }

  async findByContentHash(contentHash: Hex): Promise<StoredRecord[]> {
    return (this.statements.byContentHash.all(contentHash.toLowerCase()) as RecordRow[]).map(toStoredRecord)
  }

  async listByCreator(
    creator: Hex,
    { limit, after = 0 }: { limit: number; after?: number },
  ): Promise<Page<StoredRecord>> {
    const rows = this.statements.byCreator.all(creator.toLowerCase(), after, limit + 1) as RecordRow[]
    const items = rows.slice(0, limit).map(toStoredRecord)
    return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.seq : undefined }
  }

  async childrenOf(id: Hex): Promise<Hex[]> {
    return this.statements.children.all(id) as Hex[]
  }

  async perceptualHashes(): Promise<{ id: Hex; hash: Hex }[]> {
    return this.statements.perceptual.all() as { id: Hex; hash: Hex }[]
  }

  async pendingCount(): Promise<number> {
    return this.statements.pendingCount.get() as number
  }

  async oldestPendingAt(): Promise<number | undefined> {
    return (this.statements.oldestPending.get() as number | null) ?? undefined
  }

  async pendingIds(limit: number): Promise<Hex[]> {
    return this.statements.pendingIds.all(limit) as Hex[]
  }

  async saveBatch({ root, ids, proofs, createdAt }: BuiltBatch): Promise<void> {
    this.db.transaction(() => {
      this.statements.insertBatch.run(root, ids.length, createdAt)
      ids.forEach((id, i) => {
        const { changes } = this.statements.batchRecord.run(root, i, Buffer.from(proofs[i]!), id)
        if (changes !== 1) throw new Error(`record ${id} is not pending; batch ${root} not saved`)
      })
      this.count('status:pending', -ids.length)
      this.count('status:batched', ids.length)
    })()
  }

  async markBatchSubmitted(root: Hex, txHash: Hex): Promise<void> {
    this.statements.submitBatch.run(txHash, root)
  }

  async getBatch(root: Hex): Promise<StoredBatch | undefined> {
    const row = this.statements.batch.get(root) as BatchRow | undefined
    return row && toStoredBatch(row)
  }

  async unconfirmedBatches(): Promise<StoredBatch[]> {
    return (this.statements.unconfirmed.all() as BatchRow[]).map(toStoredBatch)
  }

  async applyChainUpdate({
    anchoredBatches,
    onChainRecords,
    improvedRecords = [],
    cursor,
  }: ChainUpdate): Promise<void> {
    this.db.transaction(() => {
      for (const batch of anchoredBatches) {
        const bound = SqliteStore.bindPosition(batch)
        this.statements.upsertAnchoredBatch.run(bound)
        const { changes } = this.statements.anchorBatchRecords.run(bound)
        this.count('status:batched', -changes)
        this.count('status:anchored', changes)
      }
      for (const entry of onChainRecords) {
        const direct = entry.batchRoot === zeroRoot
        // A proven record's anchor is its batch's (the contract stores the batch time), not the proving tx.
        const batchPosition = direct ? undefined : this.batchPosition(entry.batchRoot)
        const position = batchPosition || {
          txHash: entry.txHash,
          blockNumber: entry.blockNumber,
          timestamp: entry.timestamp,
          logIndex: entry.logIndex,
        }
        if (!this.statements.exists.get(entry.id)) {
          // Registered by someone else: the contract checked the signature, so we keep the record without one.
          this.insertOne(
            {
              id: entry.id,
              record: entry.record,
              metadata: undefined,
              mode: direct ? 'direct' : 'batch',
              receivedAt: entry.timestamp,
              chain: position,
            },
            '',
            'anchored',
          )
          this.count('records', 1)
          this.count('status:anchored', 1)
        }
        const before = this.statements.statusOf.get(entry.id) as string
        const bound = SqliteStore.bindPosition(position)
        if (direct) this.statements.anchorDirectRecord.run({ id: entry.id, ...bound })
        else
          this.statements.improveAnchor.run({
            id: entry.id,
            root: batchPosition ? entry.batchRoot : null,
            ...bound,
          })
        if (direct && before !== 'anchored') {
          this.count(`status:${before}`, -1)
          this.count('status:anchored', 1)
        }
      }
      for (const entry of improvedRecords) {
        const position = this.batchPosition(entry.batchRoot)
        if (position)
          this.statements.improveAnchor.run({
            id: entry.id,
            root: entry.batchRoot,
            ...SqliteStore.bindPosition(position),
          })
      }
      this.statements.setMeta.run('cursor', JSON.stringify(cursor))
    })()
  }

  async getCursor(): Promise<ChainCursor | undefined> {
    const value = this.statements.getMeta.get('cursor') as string | undefined
    return value ? (JSON.parse(value) as ChainCursor) : undefined
  }

  async resetChainState(): Promise<{ requeued: number; dropped: number }> {
    return this.db.transaction(() => {
      const db = this.db
      const orphans = db.prepare("SELECT id FROM records WHERE signature = ''").pluck().all() as Hex[]
      for (const id of orphans) db.prepare('DELETE FROM edges WHERE child = ?').run(id)
      const dropped = db.prepare("DELETE FROM records WHERE signature = ''").run().changes
      const requeued = db
        .prepare(
          `UPDATE records SET status = 'pending', mode = 'batch', chain_tx = NULL, chain_block = NULL, chain_time = NULL,
             chain_log = NULL, chain_leaf = NULL
           WHERE mode = 'direct' AND batch_root IS NULL`,
        )
        .run().changes
      db.prepare(
        `UPDATE records SET status = 'batched', chain_tx = NULL, chain_block = NULL, chain_time = NULL,
           chain_log = NULL, chain_leaf = NULL
         WHERE batch_root IS NOT NULL`,
      ).run()
      db.prepare(
        'DELETE FROM batches WHERE root NOT IN (SELECT DISTINCT batch_root FROM records WHERE batch_root IS NOT NULL)',
      ).run()
      db.prepare(
        "UPDATE batches SET status = 'built', tx_hash = NULL, block_number = NULL, timestamp = NULL, anchorer = NULL, log_index = NULL",
      ).run()
      db.prepare("DELETE FROM meta WHERE key = 'cursor'").run()
      initialiseCounters(db, { force: true })
      return { requeued, dropped }
    })()
  }

  /** Where an anchored batch is on chain; undefined for a batch not (yet) seen anchored. */
  private batchPosition(root: Hex): ChainPosition | undefined {
    const row = this.statements.anchoredBatchPosition.get(root) as
      | { txHash: Hex; blockNumber: number; timestamp: number; logIndex: number | null }
      | undefined
    return row && { ...row, logIndex: row.logIndex ?? undefined }
  }

  /** A position as SQL parameters: better-sqlite3 refuses a missing named parameter, so an unknown log is null. */
  private static bindPosition<T extends { logIndex?: number | undefined }>(
    position: T,
  ): T & { logIndex: number | null } {
    return { ...position, logIndex: position.logIndex ?? null }
  }

  /** Moves a counter by `delta`, inside the caller's transaction. */
  private count(name: string, delta: number): void {
    if (delta !== 0) this.statements.bump.run(delta, name)
  }

  async consumeNonce(account: Hex, nonce: Hex, expiresAt: number): Promise<boolean> {
    // Forget nonces whose signatures can no longer be accepted anyway, a few at a time as new ones arrive.
    this.statements.pruneNonces.run(Math.floor(Date.now() / 1000) - 60)
    return (
      this.statements.insertNonce.run(account.toLowerCase(), nonce.toLowerCase(), expiresAt).changes === 1
    )
  }

  async getMeta(key: string): Promise<string | undefined> {
    return (this.statements.getMeta.get(key) as string | undefined) ?? undefined
  }

  async setMeta(key: string, value: string): Promise<void> {
    this.statements.setMeta.run(key, value)
  }

  async counts(): Promise<{ records: number; pending: number; anchored: number; batches: number }> {
    return this.statements.counts.get() as {
      records: number
      pending: number
      anchored: number
      batches: number
    }
  }

  async close(): Promise<void> {
    this.db.close()
  }
}
