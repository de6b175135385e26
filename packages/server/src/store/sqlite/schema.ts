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
  chain_time INTEGER
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
  anchorer TEXT
);

CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS perceptual (id TEXT PRIMARY KEY, hash TEXT NOT NULL) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS count_insert AFTER INSERT ON records BEGIN
  UPDATE counters SET value = value + 1 WHERE name IN ('records', 'status:' || NEW.status);
END;
CREATE TRIGGER IF NOT EXISTS count_delete AFTER DELETE ON records BEGIN
  UPDATE counters SET value = value - 1 WHERE name IN ('records', 'status:' || OLD.status);
END;
CREATE TRIGGER IF NOT EXISTS count_status AFTER UPDATE OF status ON records WHEN OLD.status IS NOT NEW.status BEGIN
  UPDATE counters SET value = value - 1 WHERE name = 'status:' || OLD.status;
  UPDATE counters SET value = value + 1 WHERE name = 'status:' || NEW.status;
END;
`

/** Seeds the counters from the table once (for stores created before the counters existed). */
export function initialiseCounters(db: Database.Database): void {
  if (db.prepare('SELECT 1 FROM counters LIMIT 1').get()) return
  db.exec(`INSERT INTO counters (name, value)
    SELECT 'records', count(*) FROM records
    UNION ALL SELECT 'status:pending', count(*) FROM records WHERE status = 'pending'
    UNION ALL SELECT 'status:batched', count(*) FROM records WHERE status = 'batched'
    UNION ALL SELECT 'status:anchored', count(*) FROM records WHERE status = 'anchored'`)
}
