import type Database from 'better-sqlite3'

/** The SQLite schema. Ids and hashes are 0x-hex text: readable in the sqlite shell, indexes stay small enough. */
export const schema = `
CREATE TABLE IF NOT EXISTS records (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  creator TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  size INTEGER NOT NULL,
  media_type TEXT NOT NULL,
  origin TEXT NOT NULL,
  model TEXT NOT NULL,
  parents TEXT NOT NULL,
  metadata_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  signature TEXT NOT NULL,
  metadata TEXT,
  mode TEXT NOT NULL,
  status TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  batch_root TEXT,
  leaf_index INTEGER,
  proof BLOB,
  chain_tx TEXT,
  chain_block INTEGER,
  chain_time INTEGER,
  chain_log INTEGER,
  chain_leaf INTEGER
);
CREATE INDEX IF NOT EXISTS records_content_hash ON records (content_hash);
CREATE INDEX IF NOT EXISTS records_creator ON records (creator, seq);
CREATE INDEX IF NOT EXISTS records_pending ON records (status, seq) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS records_batch ON records (batch_root);

CREATE TABLE IF NOT EXISTS edges (
  parent TEXT NOT NULL,
  child TEXT NOT NULL,
  PRIMARY KEY (parent, child)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS batches (
  root TEXT PRIMARY KEY,
  count INTEGER NOT NULL,
  status TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  tx_hash TEXT,
  block_number INTEGER,
  timestamp INTEGER,
  anchorer TEXT,
  log_index INTEGER
);

CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

-- Nonces of signed requests already accepted (replay protection that survives a restart).
CREATE TABLE IF NOT EXISTS used_nonces (
  account TEXT NOT NULL,
  nonce TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (account, nonce)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS used_nonces_expiry ON used_nonces (expires_at);

CREATE TABLE IF NOT EXISTS perceptual (id TEXT PRIMARY KEY, hash TEXT NOT NULL) WITHOUT ROWID;

-- Record counts by status, kept by SqliteStore inside the same transactions as the writes, a whole batch at
-- a time (per-row triggers doubled the cost of saving a batch).
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
DROP TRIGGER IF EXISTS count_insert;
DROP TRIGGER IF EXISTS count_delete;
DROP TRIGGER IF EXISTS count_status;
`

/**
 * Columns added after the first release, for databases created before them: where in its block the anchor's
 * log sits (chain_log, batches.log_index) and the record's leaf in the batch that anchors it (chain_leaf). They
 * order claims anchored in the same block (see ProvenanceStore.findByContentHash).
 */
export function addLaterColumns(db: Database.Database): void {
  const has = (table: string, column: string) =>
    (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).some((c) => c.name === column)
  if (!has('records', 'chain_log')) db.exec('ALTER TABLE records ADD COLUMN chain_log INTEGER')
  if (!has('records', 'chain_leaf')) {
    db.exec('ALTER TABLE records ADD COLUMN chain_leaf INTEGER')
    // Records already anchored by their own batch keep their leaf as the tie-break (logs were not kept).
    db.exec(`UPDATE records SET chain_leaf = leaf_index
      WHERE status = 'anchored' AND batch_root IS NOT NULL
        AND chain_tx = (SELECT tx_hash FROM batches WHERE batches.root = records.batch_root)`)
  }
  if (!has('batches', 'log_index')) db.exec('ALTER TABLE batches ADD COLUMN log_index INTEGER')
}

/** Seeds the counters from the table (once, or again after a chain reset rewrote many statuses). */
export function initialiseCounters(db: Database.Database, { force = false } = {}): void {
  if (!force && db.prepare('SELECT 1 FROM counters LIMIT 1').get()) return
  db.exec('DELETE FROM counters')
  db.exec(`INSERT INTO counters (name, value)
    SELECT 'records', count(*) FROM records
    UNION ALL SELECT 'status:pending', count(*) FROM records WHERE status = 'pending'
    UNION ALL SELECT 'status:batched', count(*) FROM records WHERE status = 'batched'
    UNION ALL SELECT 'status:anchored', count(*) FROM records WHERE status = 'anchored'`)
}
