import type { Address, Hex, PublicClient } from 'viem'
import { vaultAbi, vaultOf } from './rightsCall.js'
import { toRightsError } from './rightsErrors.js'
import type { RightsContracts } from './types.js'

export type ReadRoyaltiesParameters = {
  publicClient: PublicClient
  contracts: RightsContracts
  assetId: Hex
  /** The share holder to report on. */
  account: Address
}

export type ReadRoyaltiesReturnType = {
  vault: Address
  /** What `account` can claim now, in payment token units (payments not yet synced excluded). */
  claimable: bigint
  /** `account`'s revenue shares (18 decimals). */
  shares: bigint
  totalShares: bigint
  /** Set aside for the parents and not yet paid to them. */
  pendingAncestors: bigint
  /** Everything the vault ever received, claimed, and passed to its parents. */
  received: bigint
  claimed: bigint
  paidToAncestors: bigint
  /** The parent vaults and the part of this vault's revenue (bps) each is owed. */
  parents: { vault: Address; bps: number }[]
}

/**
 * An asset's royalty position: its vault's totals and one account's shares and claimable revenue.
 *
 * @example
 * const { claimable } = await readRoyalties({ publicClient, contracts, assetId, account })
 */
export async function readRoyalties({
  publicClient,
  contracts,
  assetId,
  account,
}: ReadRoyaltiesParameters): Promise<ReadRoyaltiesReturnType> {
  try {
    const vault = await vaultOf(publicClient, contracts, assetId)
    const read = { address: vault, abi: vaultAbi } as const
    const [claimable, shares, totalShares, pendingAncestors, [received, claimed, paidToAncestors], parents] =
      await Promise.all([
        publicClient.readContract({ ...read, functionName: 'claimable', args: [account] }),
        publicClient.readContract({ ...read, functionName: 'balanceOf', args: [account] }),
        publicClient.readContract({ ...read, functionName: 'totalSupply' }),
        publicClient.readContract({ ...read, functionName: 'pendingAncestors' }),
        publicClient.readContract({ ...read, functionName: 'totals' }),
        publicClient.readContract({ ...read, functionName: 'parents' }),
      ])
    return {
      vault,
      claimable,
      shares,
      totalShares,
      pendingAncestors,
      received,
      claimed,
      paidToAncestors,
      parents: parents.map(({ vault, bps }) => ({ vault, bps })),
    }
  } catch (error) {
    throw toRightsError(error)
  }
}
