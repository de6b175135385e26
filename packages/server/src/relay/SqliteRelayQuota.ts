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
/** The row counting every account's relayed transactions (not an address, so it never collides with one). */
const everyone = 'all'

/**
 * The outcome of asking for relayed transactions: `exceeded` says which bound refused them, the account's
 * quota or the server-wide cap; `used` and `limit` are that bound's (the account's when allowed).
 */
export type RelayQuotaTake = {
  allowed: boolean
  exceeded?: 'account' | 'server'
  used: number
  limit: number
  resetsAt: Date
}

/**
 * How many transactions the relayer sends at its own cost per UTC day (direct registrations with the parent
 * proofs they need, relayed consent grants): at most `limit` for each account, and at most `dailyCap` for all
 * of them together (accounts are free, so per-account quotas alone bound nothing). In SQLite beside the
 * server's tables so a restart does not reset them.
 *
 * @example
 * const quota = new SqliteRelayQuota('rightflow.db', 100, 10_000)
 * if (!(await quota.take(creator, 3)).allowed) refuse()
 */
export class SqliteRelayQuota {
  private readonly db: Database.Database
  private readonly statements
  #pruned = -1

  constructor(
    path: string,
    readonly limit: number,
    readonly dailyCap = Number.POSITIVE_INFINITY,
  ) {
    this.db = openSqlite(path)
    this.db.exec(schema)
    this.statements = {
      used: this.db.prepare('SELECT used FROM relay_quota WHERE account = ? AND day = ?'),
      add: this.db.prepare(
        `INSERT INTO relay_quota (account, day, used) VALUES (?, ?, ?)
         ON CONFLICT (account, day) DO UPDATE SET used = used + excluded.used`,
      ),
      prune: this.db.prepare('DELETE FROM relay_quota WHERE day < ?'),
    }
  }

  /** Counts `count` relayed transactions for `account` today, unless they exceed its quota or the server's cap. */
  async take(account: Address, count = 1, now = Date.now()): Promise<RelayQuotaTake> {
    const key = account.toLowerCase()
    const day = Math.floor(now / dayMs)
    const resetsAt = new Date((day + 1) * dayMs)
    if (this.#pruned !== day) {
      this.statements.prune.run(day)
      this.#pruned = day
    }
    const usedBy = (who: string) =>
      (this.statements.used.get(who, day) as { used: number } | undefined)?.used ?? 0
    // One transaction: parallel requests cannot both take the last units. All or nothing: a registration whose
    // parents must be proven takes every transaction it will send, or none.
    return this.db.transaction((): RelayQuotaTake => {
      const used = usedBy(key)
      if (used + count > this.limit)
        return { allowed: false, exceeded: 'account', used, limit: this.limit, resetsAt }
      const total = usedBy(everyone)
      if (total + count > this.dailyCap)
        return { allowed: false, exceeded: 'server', used: total, limit: this.dailyCap, resetsAt }
      this.statements.add.run(key, day, count)
      this.statements.add.run(everyone, day, count)
      return { allowed: true, used: used + count, limit: this.limit, resetsAt }
    })()
  }

  async close(): Promise<void> {
    this.db.close()
  }
}
