import Database from 'better-sqlite3'

/**
 * Opens a SQLite file the way every store of the server shares it: WAL (readers never block the writer),
 * synchronous NORMAL (durable at each checkpoint, no fsync per commit), and a busy timeout, because the
 * provenance store, the channel store and the royalty ledger each hold a connection to the same file and
 * must wait for each other's write lock instead of failing with SQLITE_BUSY.
 */
export function openSqlite(path: string): Database.Database {
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('busy_timeout = 5000')
  return db
}
