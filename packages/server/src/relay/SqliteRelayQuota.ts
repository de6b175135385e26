import type Database from 'better-sqlite3'
import type { Address } from 'viem'
import { openSqlite } from '../store/sqlite/openSqlite.js'

const schema = `
CREATE TABLE IF NOT EXISTS relay_quota (
  account TEXT NOT NULL,
  day INTEGER NOT NULL,
  used INTEGER NOT NULL,
  PRIMARY KEY (account, day)
) WITHOUT ROWID;
`

const dayMs = 86_400_000

/** The outcome of asking for one relayed transaction. */
export type RelayQuotaTake = { allowed: boolean; used: number; limit: number; resetsAt: Date }

/**
 * How many transactions the relayer sends, at its own cost, for each account per UTC day (direct registrations,
 * relayed consent grants), in SQLite beside the server's tables so a restart does not reset it.
 *
 * @example
 * const quota = new SqliteRelayQuota('rightflow.db', 100)
 * if (!(await quota.take(creator)).allowed) refuse()
 */
export class SqliteRelayQuota {
  private readonly db: Database.Database
  private readonly statements
  #pruned = -1

  constructor(
    path: string,
    readonly limit: number,
  ) {
    this.db = openSqlite(path)
    this.db.exec(schema)
    this.statements = {
      used: this.db.prepare('SELECT used FROM relay_quota WHERE account = ? AND day = ?'),
      add: this.db.prepare(
        `INSERT INTO relay_quota (account, day, used) VALUES (?, ?, 1)
         ON CONFLICT (account, day) DO UPDATE SET used = used + 1`,
      ),
      prune: this.db.prepare('DELETE FROM relay_quota WHERE day < ?'),
    }
  }

  /** Counts one relayed transaction for `account` today, unless its quota is used up. */
  async take(account: Address, now = Date.now()): Promise<RelayQuotaTake> {
    const key = account.toLowerCase()
    const day = Math.floor(now / dayMs)
    const resetsAt = new Date((day + 1) * dayMs)
    if (this.#pruned !== day) {
      this.statements.prune.run(day)
      this.#pruned = day
    }
    // One transaction: parallel requests of one account cannot both take the last unit.
    return this.db.transaction(() => {
      const used = (this.statements.used.get(key, day) as { used: number } | undefined)?.used ?? 0
      if (used >= this.limit) return { allowed: false, used, limit: this.limit, resetsAt }
      this.statements.add.run(key, day)
      return { allowed: true, used: used + 1, limit: this.limit, resetsAt }
    })()
  }

  async close(): Promise<void> {
    this.db.close()
  }
}
