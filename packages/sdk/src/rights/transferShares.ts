import type { Address, Hex, PublicClient, WalletClient } from 'viem'
import { requireAccount, sendAndWait, vaultAbi, vaultOf } from './rightsCall.js'
import { toRightsError } from './rightsErrors.js'
import type { RightsContracts } from './types.js'

export type TransferSharesParameters = {
  publicClient: PublicClient
  /** A share holder. */
  walletClient: WalletClient
  contracts: RightsContracts
  assetId: Hex
  to: Address
  /** Share units, 18 decimals (the supply is 1,000,000e18). */
  amount: bigint
}

export type TransferSharesReturnType = { txHash: Hex }

/**
 * Transfers revenue shares of an asset (its vault's ERC-20). Revenue earned before the transfer stays with the
 * sender; what arrives after is split by the new holdings.
 *
 * @example
 * await transferShares({ publicClient, walletClient, contracts, assetId, to, amount: 250_000n * 10n ** 18n })
 */
export async function transferShares({
  publicClient,
  walletClient,
  contracts,
  assetId,
  to,
  amount,
}: TransferSharesParameters): Promise<TransferSharesReturnType> {
  try {
    const vault = await vaultOf(publicClient, contracts, assetId)
    const { request } = await publicClient.simulateContract({
      account: requireAccount(walletClient),
      address: vault,
      abi: vaultAbi,
      functionName: 'transfer',
      args: [to, amount],
    })
    const { txHash } = await sendAndWait(publicClient, walletClient, request)
    return { txHash }
  } catch (error) {
    throw toRightsError(error)
  }
}
