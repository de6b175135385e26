import type Database from 'better-sqlite3'
import type { Hex } from 'viem'
import { openSqlite } from '../../store/sqlite/openSqlite.js'
import { amountOf, amountText } from '../channel/channelSchema.js'
import type { OwedRoyalty, RoyaltyLedger } from './RoyaltyLedger.js'

const schema = `
CREATE TABLE IF NOT EXISTS royalty_owed (
  network TEXT NOT NULL,
  asset_id TEXT NOT NULL,
  owed TEXT NOT NULL,
  paid TEXT NOT NULL,
  PRIMARY KEY (network, asset_id)
) WITHOUT ROWID;
`

/**
 * The royalty ledger in SQLite (WAL), one row per asset and network; may share the server's database file.
 * Amounts as sortable 39-digit text, like the channel tables.
 *
 * @example
 * const ledger = new SqliteRoyaltyLedger('rightflow.db', 'eip155:8453')
 */
export class SqliteRoyaltyLedger implements RoyaltyLedger {
  private readonly db: Database.Database
  private readonly statements

  constructor(
    path: string,
    private readonly network: string,
  ) {
    this.db = openSqlite(path)
    this.db.exec(schema)
    this.statements = {
      get: this.db.prepare('SELECT owed, paid FROM royalty_owed WHERE network = ? AND asset_id = ?'),
      upsert: this.db.prepare(
        `INSERT INTO royalty_owed (network, asset_id, owed, paid) VALUES (@network, @assetId, @owed, @paid)
         ON CONFLICT (network, asset_id) DO UPDATE SET owed = excluded.owed, paid = max(paid, excluded.paid)`,
      ),
      due: this.db.prepare('SELECT asset_id, owed, paid FROM royalty_owed WHERE network = ? AND owed > paid'),
    }
  }

  async addOwed(assetId: Hex, amount: bigint): Promise<void> {
    const key = assetId.toLowerCase()
    // One transaction: the read and the write of the running total cannot interleave with another add.
    this.db.transaction(() => {
      const row = this.statements.get.get(this.network, key) as { owed: string; paid: string } | undefined
      const owed = (row ? amountOf(row.owed) : 0n) + amount
      this.statements.upsert.run({
        network: this.network,
        assetId: key,
        owed: amountText(owed),
        paid: row?.paid ?? amountText(0n),
      })
    })()
  }

  async listDue(): Promise<OwedRoyalty[]> {
    return (this.statements.due.all(this.network) as { asset_id: string; owed: string; paid: string }[]).map(
      (r) => ({
        assetId: r.asset_id as Hex,
        owed: amountOf(r.owed),
        paid: amountOf(r.paid),
      }),
    )
  }

  async markPaid(assetId: Hex, paid: bigint): Promise<void> {
    const key = assetId.toLowerCase()
    this.db.transaction(() => {
      const row = this.statements.get.get(this.network, key) as { owed: string; paid: string } | undefined
      if (!row) return
      this.statements.upsert.run({
        network: this.network,
        assetId: key,
        owed: row.owed,
        paid: amountText(paid),
      })
    })()
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close()
  }
}
