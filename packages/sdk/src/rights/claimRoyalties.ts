import type { Address, Hex, PublicClient, WalletClient } from 'viem'
import { revenueVaultAbi } from '../generated/revenueVault.js'
import { eventsOf, requireAccount, sendAndWait, tokenAbi, vaultAbi, vaultOf } from './rightsCall.js'
import { NothingToClaimError, toRightsError } from './rightsErrors.js'
import type { RightsContracts } from './types.js'

export type ClaimRoyaltiesParameters = {
  publicClient: PublicClient
  /** A share holder of the asset's vault. */
  walletClient: WalletClient
  contracts: RightsContracts
  assetId: Hex
  /** Where the payment token goes; the wallet account when absent. */
  to?: Address
  /**
   * Run the vault's `collect` first, which passes the parents their part. (Payments sent straight to the vault,
   * EIP-3009 transfers say, need no `collect`: `claim` accounts for them before paying.)
   */
  payAncestorsFirst?: boolean
}

export type ClaimRoyaltiesReturnType = {
  /** Payment token units sent to `to`. */
  amount: bigint
  txHash: Hex
  /** The `collect` transaction, when `payAncestorsFirst` had something to collect. */
  collectTxHash?: Hex
}

/**
 * Claims the wallet account's royalties from an asset's vault, pro rata to the shares it holds. Throws
 * NothingToClaimError (code `nothing_to_claim`) before sending anything when there is nothing to claim.
 *
 * @example
 * const { amount } = await claimRoyalties({ publicClient, walletClient, contracts, assetId })
 */
export async function claimRoyalties({
  publicClient,
  walletClient,
  contracts,
  assetId,
  to,
  payAncestorsFirst = false,
}: ClaimRoyaltiesParameters): Promise<ClaimRoyaltiesReturnType> {
  try {
    const account = requireAccount(walletClient)
    const vault = await vaultOf(publicClient, contracts, assetId)
    const read = { address: vault, abi: vaultAbi } as const
    const [claimable, shares, accounted, pending, balance] = await Promise.all([
      publicClient.readContract({ ...read, functionName: 'claimable', args: [account.address] }),
      publicClient.readContract({ ...read, functionName: 'balanceOf', args: [account.address] }),
      publicClient.readContract({ ...read, functionName: 'accounted' }),
      publicClient.readContract({ ...read, functionName: 'pendingAncestors' }),
      publicClient.readContract({
        address: contracts.paymentToken,
        abi: tokenAbi,
        functionName: 'balanceOf',
        args: [vault],
      }),
    ])
    const unsynced = balance - accounted
    // `claim` accounts for revenue not yet synced before paying, so holders of shares may have more than
    // `claimable` says.
    const unsyncedForHolder = unsynced > 0n && shares > 0n
    if (claimable === 0n && !unsyncedForHolder) throw new NothingToClaimError(account.address, assetId)
    const collectable = payAncestorsFirst && (unsynced > 0n || pending > 0n)

    let collectTxHash: Hex | undefined
    if (collectable) {
      const { request } = await publicClient.simulateContract({ ...read, account, functionName: 'collect' })
      collectTxHash = (await sendAndWait(publicClient, walletClient, request)).txHash
    }
    const { request } = await publicClient.simulateContract({
      ...read,
      account,
      functionName: 'claim',
      args: [to ?? account.address],
    })
    const { txHash, receipt } = await sendAndWait(publicClient, walletClient, request)
    const [claimed] = eventsOf(receipt, vault, revenueVaultAbi, 'Claimed')
    return { amount: claimed!.args.amount, txHash, ...(collectTxHash ? { collectTxHash } : {}) }
  } catch (error) {
    throw toRightsError(error)
  }
}
