import type { Hex, PublicClient, WalletClient } from 'viem'
import { escrowAbi } from '../../generated/escrow.js'
import { eventsOf, requireAccount, sendAndWait } from '../../rights/rightsCall.js'
import { toRightsError } from '../../rights/rightsErrors.js'
import type { PaymentContracts } from '../paymentContracts.js'
import { escrowCallAbi } from '../settleCall.js'

export type RefundEscrowParameters = {
  publicClient: PublicClient
  /** Anyone may send it; the refund goes to the payer. */
  walletClient: WalletClient
  contracts: PaymentContracts
  escrowId: bigint
}

export type RefundEscrowReturnType = {
  /** What was not released, back to the payer (0n closes an escrow released in full). */
  refunded: bigint
  txHash: Hex
}

/**
 * From the deadline on, returns what was not released to the payer and closes the escrow
 * (`deadline_not_passed` before, `already_refunded` the second time).
 *
 * @example
 * const { refunded } = await refundEscrow({ publicClient, walletClient, contracts, escrowId })
 */
export async function refundEscrow({
  publicClient,
  walletClient,
  contracts,
  escrowId,
}: RefundEscrowParameters): Promise<RefundEscrowReturnType> {
  try {
    const { request } = await publicClient.simulateContract({
      account: requireAccount(walletClient),
      address: contracts.escrow,
      abi: escrowCallAbi,
      functionName: 'refund',
      args: [escrowId],
    })
    const { txHash, receipt } = await sendAndWait(publicClient, walletClient, request)
    const [refunded] = eventsOf(receipt, contracts.escrow, escrowAbi, 'EscrowRefunded')
    return { refunded: refunded!.args.amount, txHash }
  } catch (error) {
    throw toRightsError(error)
  }
}
