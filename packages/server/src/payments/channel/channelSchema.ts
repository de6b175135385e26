/**
 * The channel tables (beside the provenance tables when they share a file). Amounts are uint128 as 39-digit
 * zero-padded decimal text: exact beyond SQLite's 64-bit integers, and text order is number order, so
 * `charged > claimed` works in SQL. (Files written before claims took a chosen total may still have the unused
 * columns `claimable` and `claimable_signature`.)
 */
export const channelSchema = `
CREATE TABLE IF NOT EXISTS channel_state (
  network TEXT NOT NULL,
  channels TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  payer TEXT NOT NULL,
  payee TEXT NOT NULL,
  voucher_signer TEXT NOT NULL,
  deposit TEXT NOT NULL,
  claimed TEXT NOT NULL,
  close_requested_at INTEGER NOT NULL,
  closed INTEGER NOT NULL,
  royalty_asset TEXT NOT NULL,
  royalty_bps INTEGER NOT NULL,
  accepted TEXT,
  accepted_signature TEXT,
  charged TEXT NOT NULL,
  unclaimed_since INTEGER,
  PRIMARY KEY (network, channels, channel_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS channel_state_payee ON channel_state (network, channels, payee) WHERE closed = 0;

CREATE TABLE IF NOT EXISTS channel_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`

const width = 39
const maxAmount = 2n ** 128n - 1n

/** A uint128 as sortable text. */
export function amountText(amount: bigint): string {
  if (amount < 0n || amount > maxAmount) throw new RangeError(`amount ${amount} is not a uint128`)
  return amount.toString().padStart(width, '0')
}

export function amountOf(text: string): bigint {
  return BigInt(text)
}
