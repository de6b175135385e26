import type { Hex } from 'viem'

/** What the payee owes one IP asset from payments that did not route the royalty themselves. */
export type OwedRoyalty = { assetId: Hex; owed: bigint; paid: bigint }

/**
 * Royalties a payee collected on an asset's behalf and must pass on: an `exact` payment reaches the payee
 * whole, so the share the route promised the asset is recorded here and paid to its vault later, in one
 * `payRoyalty` per asset (a `channel` routes its royalty on chain at claim and never appears here).
 */
export interface RoyaltyLedger {
  /** Adds `amount` owed to `assetId`. */
  addOwed(assetId: Hex, amount: bigint): Promise<void>
  /** Assets owed more than was paid to them. */
  listDue(): Promise<OwedRoyalty[]>
  /** Records that `paid` in total has reached the asset's vault (never lowers it). */
  markPaid(assetId: Hex, paid: bigint): Promise<void>
  close(): Promise<void>
}
