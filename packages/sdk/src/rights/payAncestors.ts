import type { Hex, PublicClient, WalletClient } from 'viem'
import { revenueVaultAbi } from '../generated/revenueVault.js'
import { eventsOf, requireAccount, sendAndWait, vaultAbi, vaultOf } from './rightsCall.js'
import { toRightsError } from './rightsErrors.js'
import type { RightsContracts } from './types.js'

export type PayAncestorsParameters = {
  publicClient: PublicClient
  /** Anyone: paying ancestors is permissionless. */
  walletClient: WalletClient
  contracts: RightsContracts
  /** The derivative whose vault owes its parents. */
  assetId: Hex
}

export type PayAncestorsReturnType = {
  /** What the parents' vaults received (0n when nothing was set aside). */
  paid: bigint
  txHash: Hex
}

/**
 * Pays each of an asset's direct parents what its vault owes it: the parent's bps of all the asset's revenue so
 * far, less what it was paid before. A parent whose transfer the payment token refuses (blacklisted by the
 * issuer) is not counted in `paid`; its part waits for a later call. One level per call: a parent that receives
 * its part sets aside its own ancestors' part, which a call on the parent passes on.
 *
 * @example
 * const { paid } = await payAncestors({ publicClient, walletClient, contracts, assetId: derivativeId })
 */
export async function payAncestors({
  publicClient,
  walletClient,
  contracts,
  assetId,
}: PayAncestorsParameters): Promise<PayAncestorsReturnType> {
  try {
    const vault = await vaultOf(publicClient, contracts, assetId)
    const { request } = await publicClient.simulateContract({
      account: requireAccount(walletClient),
      address: vault,
      abi: vaultAbi,
      functionName: 'payAncestors',
    })
    const { txHash, receipt } = await sendAndWait(publicClient, walletClient, request)
    const [paid] = eventsOf(receipt, vault, revenueVaultAbi, 'AncestorsPaid')
    return { paid: paid?.args.amount ?? 0n, txHash }
  } catch (error) {
    throw toRightsError(error)
  }
}
