import type { Hex, PublicClient, WalletClient } from 'viem'
import { allowanceShortfall, ensureAllowance } from './ensureAllowance.js'
import { registryAbi, requireAccount, sendAndWait } from './rightsCall.js'
import { toRightsError } from './rightsErrors.js'
import type { RightsContracts } from './types.js'

export type PayRoyaltyParameters = {
  publicClient: PublicClient
  /** The payer. */
  walletClient: WalletClient
  contracts: RightsContracts
  assetId: Hex
  /** In payment token units. */
  amount: bigint
  /** Approve exactly `amount` when the allowance is short (default true). */
  approve?: boolean
}

export type PayRoyaltyReturnType = { txHash: Hex; approvalTxHash?: Hex }

/**
 * Pays royalties to an asset: they reach its vault for its share holders, and its direct parents are paid
 * their part in the same transaction.
 *
 * @example
 * await payRoyalty({ publicClient, walletClient, contracts, assetId, amount: parseUsd('5') })
 */
export async function payRoyalty({
  publicClient,
  walletClient,
  contracts,
  assetId,
  amount,
  approve = true,
}: PayRoyaltyParameters): Promise<PayRoyaltyReturnType> {
  try {
    const simulatePay = () =>
      publicClient.simulateContract({
        account: requireAccount(walletClient),
        address: contracts.assetRegistry,
        abi: registryAbi,
        functionName: 'payRoyalty',
        args: [BigInt(assetId), amount],
      })
    let needed = 0n
    let shortAllowance: unknown
    const plain = await simulatePay().catch((error: unknown) => {
      needed = allowanceShortfall(error, contracts.assetRegistry) // rethrows any other failure
      shortAllowance = error
      return undefined
    })
    if (plain) return { txHash: (await sendAndWait(publicClient, walletClient, plain.request)).txHash }

    // The registry has no permit variant of payRoyalty, and a permit the payer submits itself costs a
    // transaction just as an approval does: so approve.
    if (!approve) throw shortAllowance
    const { approvalTxHash } = await ensureAllowance({
      publicClient,
      walletClient,
      token: contracts.paymentToken,
      spender: contracts.assetRegistry,
      amount: needed,
    })
    const { request } = await simulatePay()
    const { txHash } = await sendAndWait(publicClient, walletClient, request)
    return approvalTxHash ? { txHash, approvalTxHash } : { txHash }
  } catch (error) {
    throw toRightsError(error)
  }
}
