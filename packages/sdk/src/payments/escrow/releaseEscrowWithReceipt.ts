import type { Hex, PublicClient, WalletClient } from 'viem'
import { requireAccount, sendAndWait } from '../../rights/rightsCall.js'
import { toRightsError } from '../../rights/rightsErrors.js'
import type { PaymentContracts } from '../paymentContracts.js'
import { escrowCallAbi } from '../settleCall.js'
import type { DeliveryReceipt } from './deliveryReceiptTypedData.js'

export type ReleaseEscrowWithReceiptParameters = {
  publicClient: PublicClient
  /** Anyone: typically the payee. */
  walletClient: WalletClient
  contracts: PaymentContracts
  receipt: DeliveryReceipt
  /** The payer's signature (signDeliveryReceipt). */
  signature: Hex
}

export type ReleaseEscrowWithReceiptReturnType = { txHash: Hex }

/**
 * Releases an escrow to its payee against a receipt its payer signed: refused when the receipt was used
 * (`receipt_used`), is not the payer's (`invalid_receipt`), or comes after the deadline (`deadline_passed`).
 *
 * @example
 * await releaseEscrowWithReceipt({ publicClient, walletClient: payeeClient, contracts, receipt, signature })
 */
export async function releaseEscrowWithReceipt({
  publicClient,
  walletClient,
  contracts,
  receipt,
  signature,
}: ReleaseEscrowWithReceiptParameters): Promise<ReleaseEscrowWithReceiptReturnType> {
  try {
    const { request } = await publicClient.simulateContract({
      account: requireAccount(walletClient),
      address: contracts.escrow,
      abi: escrowCallAbi,
      functionName: 'releaseWithReceipt',
      args: [receipt.escrowId, receipt.amount, receipt.deliveryHash, signature],
    })
    const { txHash } = await sendAndWait(publicClient, walletClient, request)
    return { txHash }
  } catch (error) {
    throw toRightsError(error)
  }
}
