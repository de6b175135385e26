import type { Network } from '@x402/core/types'
import type Database from 'better-sqlite3'
import type { Address, Hex } from 'viem'
import { openSqlite } from '../../store/sqlite/openSqlite.js'
import type {
  ChannelRef,
  ChannelState,
  ChannelStore,
  ChargeExpectation,
  ChargeFields,
  ClaimableQuery,
  HeldVoucher,
  OnChainChannel,
} from './ChannelStore.js'
import { amountOf, amountText, channelSchema } from './channelSchema.js'

type Row = {
  network: string
  channels: string
  channel_id: string
  payer: string
  payee: string
  voucher_signer: string
  deposit: string
  claimed: string
  close_requested_at: number
  closed: number
  royalty_asset: string
  royalty_bps: number
  accepted: string | null
  accepted_signature: string | null
  charged: string
  unclaimed_since: number | null
}

/**
 * Channel state in SQLite (WAL), in its own tables; it may share the provenance store's file. Each charge is
 * one `UPDATE … WHERE` on the previous charge fields: a compare-and-set that also holds across processes
 * sharing the file.
 *
 * @example
 * const store = new SqliteChannelStore('rightflow.db')
 */
export class SqliteChannelStore implements ChannelStore {
  private readonly db: Database.Database
  private readonly statements

  constructor(path: string) {
    this.db = openSqlite(path)
    this.db.exec(channelSchema)
    // A file from before claims took a chosen total may owe claims whose age was never started (no voucher at or
    // below `charged` was held then): start it now, so the age threshold claims them too.
    this.db
      .prepare(
        `UPDATE channel_state SET unclaimed_since = ? WHERE unclaimed_since IS NULL AND closed = 0
           AND charged > claimed`,
      )
      .run(Date.now())
    const db = this.db
    const key = 'network = @network AND channels = @channels AND channel_id = @channelId'
    this.statements = {
      get: db.prepare(`SELECT * FROM channel_state WHERE ${key}`),
      insert: db.prepare(
        `INSERT INTO channel_state (network, channels, channel_id, payer, payee, voucher_signer, deposit, claimed,
           close_requested_at, closed, royalty_asset, royalty_bps, charged)
         VALUES (@network, @channels, @channelId, @payer, @payee, @voucherSigner, @deposit, @claimed,
           @closeRequestedAt, @closed, @royaltyAsset, @royaltyBps, @zero)
         ON CONFLICT (network, channels, channel_id) DO UPDATE SET deposit = excluded.deposit,
           claimed = max(claimed, excluded.claimed), close_requested_at = excluded.close_requested_at,
           closed = excluded.closed`,
      ),
      charge: db.prepare(
        `UPDATE channel_state SET accepted = @accepted, accepted_signature = @acceptedSignature, charged = @charged,
           unclaimed_since = CASE WHEN @charged <= claimed THEN NULL ELSE coalesce(unclaimed_since, @at) END
         WHERE ${key} AND accepted IS @expectedAccepted AND accepted_signature IS @expectedAcceptedSignature
           AND charged = @expectedCharged
           AND (@expectedOpen = 0 OR (closed = 0 AND close_requested_at = 0))`,
      ),
      claimed: db.prepare(
        `UPDATE channel_state SET claimed = max(claimed, @claimed),
           unclaimed_since = CASE WHEN charged <= max(claimed, @claimed) THEN NULL ELSE unclaimed_since END
         WHERE ${key}`,
      ),
      claimable: db.prepare(
        `SELECT * FROM channel_state WHERE network = @network AND channels = @channels AND payee = @payee
           AND closed = 0 AND charged > claimed ORDER BY unclaimed_since`,
      ),
      open: db.prepare(
        'SELECT * FROM channel_state WHERE network = @network AND channels = @channels AND payee = @payee AND closed = 0',
      ),
      getMeta: db.prepare('SELECT value FROM channel_meta WHERE key = ?').pluck(),
      setMeta: db.prepare(
        'INSERT INTO channel_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
    }
  }

  async getChannel(ref: ChannelRef): Promise<ChannelState | undefined> {
    const row = this.statements.get.get(keyOf(ref)) as Row | undefined
    return row && toState(row)
  }

  async saveChainView(ref: ChannelRef, chain: OnChainChannel): Promise<ChannelState> {
    this.statements.insert.run({
      ...keyOf(ref),
      payer: chain.payer.toLowerCase(),
      payee: chain.payee.toLowerCase(),
      voucherSigner: chain.voucherSigner.toLowerCase(),
      deposit: amountText(chain.deposit),
      claimed: amountText(chain.claimed),
      closeRequestedAt: chain.closeRequestedAt,
      closed: chain.closed ? 1 : 0,
      royaltyAsset: chain.royaltyAsset.toString(),
      royaltyBps: chain.royaltyBps,
      zero: amountText(0n),
    })
    return toState(this.statements.get.get(keyOf(ref)) as Row)
  }

  async compareAndSetCharge(
    ref: ChannelRef,
    expected: ChargeExpectation,
    next: ChargeFields,
    at: number,
  ): Promise<boolean> {
    if ((next.accepted?.amount ?? 0n) < next.charged)
      throw new RangeError('charged cannot exceed the accepted voucher: the charge could not be claimed')
    const result = this.statements.charge.run({
      ...keyOf(ref),
      accepted: next.accepted ? amountText(next.accepted.amount) : null,
      acceptedSignature: next.accepted?.signature ?? null,
      charged: amountText(next.charged),
      at,
      expectedAccepted: expected.accepted ? amountText(expected.accepted.amount) : null,
      expectedAcceptedSignature: expected.accepted?.signature ?? null,
      expectedCharged: amountText(expected.charged),
      expectedOpen: expected.open ? 1 : 0,
    })
    return result.changes === 1
  }

  async markClaimed(ref: ChannelRef, claimed: bigint): Promise<void> {
    this.statements.claimed.run({ ...keyOf(ref), claimed: amountText(claimed) })
  }

  async listClaimable(query: ClaimableQuery): Promise<ChannelState[]> {
    return (this.statements.claimable.all(queryOf(query)) as Row[]).map(toState)
  }

  async listOpen(query: ClaimableQuery): Promise<ChannelState[]> {
    return (this.statements.open.all(queryOf(query)) as Row[]).map(toState)
  }

  async getMeta(key: string): Promise<string | undefined> {
    return (this.statements.getMeta.get(key) as string | undefined) ?? undefined
  }

  async setMeta(key: string, value: string): Promise<void> {
    this.statements.setMeta.run(key, value)
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close()
  }
}

function keyOf(ref: ChannelRef) {
  return {
    network: ref.network,
    channels: ref.channels.toLowerCase(),
    channelId: ref.channelId.toLowerCase(),
  }
}

function queryOf(query: ClaimableQuery) {
  return { network: query.network, channels: query.channels.toLowerCase(), payee: query.payee.toLowerCase() }
}

function voucherOf(amount: string | null, signature: string | null): HeldVoucher | undefined {
  return amount !== null && signature !== null
    ? { amount: amountOf(amount), signature: signature as Hex }
    : undefined
}

function toState(row: Row): ChannelState {
  return {
    network: row.network as Network,
    channels: row.channels as Address,
    channelId: row.channel_id as Hex,
    payer: row.payer as Address,
    payee: row.payee as Address,
    voucherSigner: row.voucher_signer as Address,
    deposit: amountOf(row.deposit),
    claimed: amountOf(row.claimed),
    closeRequestedAt: row.close_requested_at,
    closed: row.closed === 1,
    royaltyAsset: BigInt(row.royalty_asset),
    royaltyBps: row.royalty_bps,
    accepted: voucherOf(row.accepted, row.accepted_signature),
    charged: amountOf(row.charged),
    unclaimedSince: row.unclaimed_since ?? undefined,
  }
}
