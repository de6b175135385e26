import type { Hex, PublicClient, WalletClient } from 'viem'
import { registryAbi, requireAccount, sendAndWait } from './rightsCall.js'
import { toRightsError } from './rightsErrors.js'
import type { RightsContracts } from './types.js'

export type ReinstateAssetParameters = {
  publicClient: PublicClient
  /** Pays the gas; anyone may reinstate. */
  walletClient: WalletClient
  contracts: RightsContracts
  assetId: Hex
}

export type ReinstateAssetReturnType = { txHash: Hex }

/**
 * Undoes a supersession that no longer holds: the asset's own record has since been proven against a batch at
 * least as early as the record that superseded it. Reverts map to `not_superseded`, or `asset_superseded` while
 * the other record is still strictly earlier.
 *
 * @example
 * await reinstateAsset({ publicClient, walletClient, contracts, assetId })
 */
export async function reinstateAsset({
  publicClient,
  walletClient,
  contracts,
  assetId,
}: ReinstateAssetParameters): Promise<ReinstateAssetReturnType> {
  try {
    const { request } = await publicClient.simulateContract({
      account: requireAccount(walletClient),
      address: contracts.assetRegistry,
      abi: registryAbi,
      functionName: 'reinstate',
      args: [BigInt(assetId)],
    })
    return { txHash: (await sendAndWait(publicClient, walletClient, request)).txHash }
  } catch (error) {
    throw toRightsError(error)
  }
}
