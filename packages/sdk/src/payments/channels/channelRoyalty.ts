import type { Hex } from 'viem'
import { BaseError } from '../../errors/BaseError.js'

/** A channel's royalty route: `bps` of every claim credited to the vault of IP asset `assetId`. */
export type ChannelRoyalty = { assetId: Hex; bps: number }

/** A royalty share that is not a whole number of basis points from 0 to 10,000. */
export class InvalidRoyaltyShareError extends BaseError {
  override name = 'InvalidRoyaltyShareError'
  constructor(bps: number) {
    super(`A royalty share of ${bps} bps is not a whole number from 0 to 10000.`, { code: 'invalid_royalty' })
  }
}

/** The (royaltyAsset, royaltyBps) arguments `open` takes; zeros for no route. */
export function royaltyArgs(royalty: ChannelRoyalty | undefined): readonly [bigint, number] {
  if (!royalty) return [0n, 0]
  if (!Number.isInteger(royalty.bps) || royalty.bps < 0 || royalty.bps > 10_000)
    throw new InvalidRoyaltyShareError(royalty.bps)
  return [BigInt(royalty.assetId), royalty.bps]
}
